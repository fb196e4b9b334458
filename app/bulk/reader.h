// The reader of a bulk run: reads each data set of this shard and queues its documents in
// input order (a split set one document at a time); a set that cannot be read fails each
// of its documents with the reason.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "bulk/progress.h"
#include "bulk/shard.h"
#include "bulk/spill.h"
#include "bulk/work_queue.h"

namespace jixiao::bulk {

// Stops early (the rest left `not-rendered`) once stopping() is true. Does not close queue.
// lang: the summaries' language, for the findings of a file that cannot be read.
void read_documents(const std::vector<Plan>& plans, const Shard& shard, const std::string& lang,
                    const std::function<bool()>& stopping,
                    Queue& queue, Spill& spill, Tally& tally);

}  // namespace jixiao::bulk

// Threads with a large stack. valijson matches "format" with std::regex ("pattern" goes to
// RE2, model/valijson_re2.h), which recurses once a character, a few KB a level under sanitizers:
// 4,000 characters overflowed the main thread's 8 MiB. Such work runs on a thread with a
// 512 MiB stack (address space only; pages are committed as touched). A bulk run's workers
// are started with one, so they do that work themselves instead of starting a thread for
// every document.
#pragma once
#include <functional>

namespace jixiao {

// Runs work on a thread with a large stack and waits for it; runs it right here when this
// thread has one already (or no thread can be had).
void run_with_large_stack(const std::function<void()>& work);

// A thread with a large stack running work; join_large_stack_thread waits for it.
// Returns false when no thread could be started.
struct LargeStackThread {
  unsigned long handle = 0;
  bool started = false;
};
LargeStackThread start_large_stack_thread(std::function<void()> work);
void join_large_stack_thread(LargeStackThread& thread);

}  // namespace jixiao

// A font file's part of the --resume key (FileHashes::of_font): its OpenType table
// directories and 'head' tables, not its tens of MB. Checked on the real font files.
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>

#include "bulk/manifest.h"
#include "bulk_files.h"
#include "support/support.h"

using namespace jixiao;
namespace fs = std::filesystem;

namespace {

const char* kSerif = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc";
const char* kLatin = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf";
const char* kLatinBold = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Bold.ttf";

}  // namespace

TEST_CASE("bulk: a font's key follows its tables, not its path or timestamps", "[bulk][resume]") {
  auto dir = test::temp_dir("font-key");
  bulk::FileHashes files;
  const std::string latin = files.of_font(kLatin);
  CHECK(latin.size() == 16);
  CHECK(latin != files.of(kLatin));  // not the whole-content hash: the directory was read
  CHECK(files.of_font(kSerif) != latin);
  CHECK(files.of_font(kLatinBold) != latin);

  // A copy elsewhere, with another modification time: the same key.
  const std::string copy = dir + "/LiberationSerif-Regular.ttf";
  fs::copy_file(kLatin, copy);
  fs::last_write_time(copy, fs::last_write_time(copy) - std::chrono::hours(24));
  CHECK(bulk::FileHashes().of_font(copy) == latin);

  // Another version of the font under the same name: its tables differ, so does its key.
  fs::copy_file(kLatinBold, copy, fs::copy_options::overwrite_existing);
  CHECK(bulk::FileHashes().of_font(copy) != latin);

  // One table's checksum changed (as any rebuild of that table changes it).
  std::string bytes = test::slurp(kLatin);
  const std::size_t tables = static_cast<unsigned char>(bytes[4]) << 8 | static_cast<unsigned char>(bytes[5]);
  REQUIRE(tables > 3);
  bytes[12 + 16 * 2 + 7] ^= 1;  // the third record's checksum, last byte
  test::write(copy, bytes);
  CHECK(bulk::FileHashes().of_font(copy) != latin);

  // The file cut short inside a table: its size, and so its key, differ.
  test::write(copy, test::slurp(kLatin).substr(0, bytes.size() - 100));
  CHECK(bulk::FileHashes().of_font(copy) != latin);
}

TEST_CASE("bulk: what is no OpenType font, or whose directory does not fit, is hashed whole", "[bulk][resume]") {
  auto dir = test::temp_dir("font-key-other");
  const std::string path = dir + "/font.ttf";
  for (std::string bytes : {std::string("not a font at all"), std::string("ttcf\0\1\0\0\0\0\0\xff", 12),
                            std::string("\0\1\0\0\0\x40\0\0\0\0\0\0", 12), std::string()}) {
    test::write(path, bytes);
    bulk::FileHashes files;
    CHECK(files.of_font(path) == bulk::FileHashes().of(path));
  }
  // A table lying past the end of the file.
  std::string bytes = test::slurp(kLatin).substr(0, 4096);
  test::write(path, bytes);
  CHECK(bulk::FileHashes().of_font(path) == bulk::FileHashes().of(path));
  CHECK_THROWS(bulk::FileHashes().of_font(dir + "/missing.ttf"));
}

#include "ingest/archive_reader.hpp"

#include <archive_entry.h>

#include <algorithm>
#include <cctype>
#include <cerrno>

#include <fmt/format.h>

#include "util/error.hpp"

namespace csx::ingest {

namespace {

// What read_cb hands libarchive at a time.
constexpr std::size_t kBlock = 64 * 1024;

bool iends_with(std::string_view s, std::string_view suffix) {
    if (s.size() < suffix.size()) return false;
    return std::equal(suffix.begin(), suffix.end(), s.end() - static_cast<long>(suffix.size()),
                      [](char a, char b) {
                          return std::tolower(static_cast<unsigned char>(a)) ==
                                 std::tolower(static_cast<unsigned char>(b));
                      });
}

// "./a//b" -> "a/b"; "/abs" -> "abs".
std::string normalise(std::string_view p) {
    std::string out;
    std::size_t i = 0;
    while (i < p.size()) {
        std::size_t j = p.find('/', i);
        if (j == std::string_view::npos) j = p.size();
        const std::string_view part = p.substr(i, j - i);
        if (!part.empty() && part != ".") {
            if (!out.empty()) out += '/';
            out += part;
        }
        i = j + 1;
    }
    return out;
}

bool hidden_path(std::string_view p) {
    std::size_t i = 0;
    while (i <= p.size()) {
        std::size_t j = p.find('/', i);
        if (j == std::string_view::npos) j = p.size();
        const std::string_view part = p.substr(i, j - i);
        if ((part.size() > 1 && part[0] == '.' && part != "..") || part == "__MACOSX") return true;
        i = j + 1;
    }
    return false;
}

std::string human_bytes(std::uint64_t n) {
    if (n >= (std::uint64_t{1} << 30))
        return fmt::format("{:.1f} GiB", static_cast<double>(n) / double(1 << 30));
    if (n >= (std::uint64_t{1} << 20))
        return fmt::format("{:.1f} MiB", static_cast<double>(n) / double(1 << 20));
    return fmt::format("{} bytes", n);
}

void require_ok(int rc, const char* what) {
    // ARCHIVE_WARN from the gzip filter would mean "no zlib, an external gzip program will be
    // run": csx never starts programs while reading input.
    if (rc != ARCHIVE_OK)
        throw internal_error(fmt::format("libarchive cannot read {} in process", what));
}

}  // namespace

std::string archive_stem(std::string_view path) {
    std::size_t cut = path.find_last_of('/');
    std::string_view name = cut == std::string_view::npos ? path : path.substr(cut + 1);
    for (std::string_view ext : {".tar.gz", ".tgz", ".zip", ".tar", ".gz", ".gzip"}) {
        if (name.size() > ext.size() && iends_with(name, ext)) {
            name.remove_suffix(ext.size());
            break;
        }
    }
    return std::string(name);
}

archive_reader::archive_reader(byte_source& src, archive_format format, std::string name,
                               archive_budget& budget, int depth)
    : a_(archive_read_new()),
      src_(src),
      name_(std::move(name)),
      budget_(budget),
      depth_(depth),
      buffer_(kBlock) {
    if (!a_) throw internal_error("libarchive: out of memory");
    if (!budget_.root) budget_.root = this;
    struct archive* a = a_.get();
    switch (format) {
        case archive_format::zip:
            require_ok(archive_read_support_format_zip_streamable(a), "zip");
            break;
        case archive_format::tar:
            plain_tar_ = true;
            require_ok(archive_read_support_format_tar(a), "tar");
            break;
        case archive_format::gzip:
            require_ok(archive_read_support_filter_gzip(a), "gzip");
            require_ok(archive_read_support_format_tar(a), "tar");
            require_ok(archive_read_support_format_raw(a), "raw");
            require_ok(archive_read_support_format_empty(a), "empty");
            break;
        case archive_format::none:
            throw internal_error("archive_reader: not an archive");
    }
    if (archive_read_open2(a, this, nullptr, &archive_reader::read_cb, &archive_reader::skip_cb,
                           nullptr) != ARCHIVE_OK) {
        fail_archive(fmt::format("not a readable {} archive: {}", to_string(format),
                                 source_message("no data")));
    }
}

la_ssize_t archive_reader::read_cb(struct archive* a, void* self, const void** buffer) {
    auto* me = static_cast<archive_reader*>(self);
    const std::size_t n = me->src_.read(me->buffer_.data(), me->buffer_.size());
    *buffer = me->buffer_.data();
    if (n == 0 && me->src_.fault()) {
        archive_set_error(a, EIO, "%s", me->src_.fault()->message.c_str());
        return -1;
    }
    return static_cast<la_ssize_t>(n);
}

la_int64_t archive_reader::skip_cb(struct archive*, void* self, la_int64_t request) {
    auto* me = static_cast<archive_reader*>(self);
    if (request <= 0) return 0;
    return static_cast<la_int64_t>(me->src_.skip(static_cast<std::uint64_t>(request)));
}

std::uint64_t archive_reader::consumed() const {
    const la_int64_t n = archive_filter_bytes(a_.get(), -1);
    return n > 0 ? static_cast<std::uint64_t>(n) : 0;
}

// libarchive's message, or the underlying source's when that is what failed (a damaged outer
// archive, a disk error).
std::string archive_reader::source_message(const char* fallback) const {
    if (src_.fault()) return src_.fault()->message;
    const char* e = archive_error_string(a_.get());
    return e && *e ? std::string(e) : std::string(fallback);
}

void archive_reader::fail_archive(std::string message) {
    dead_ = true;
    if (archive_fault_) return;
    source_fault f;
    f.message = std::move(message);
    // A disk error under the archive stays a disk error: nothing of the stream is trusted.
    if (src_.fault() && src_.fault()->what == source_fault::kind::unreadable)
        f.what = source_fault::kind::unreadable;
    archive_fault_ = std::move(f);
}

bool archive_reader::next(archive_member& m) {
    if (in_member_ && !member_fault_ && !dead_) skip_member();
    in_member_ = false;
    member_fault_.reset();
    if (dead_ || done_) return false;
    if (members_ >= budget_.limits.max_members) {
        fail_archive(fmt::format(
            "more than {} entries: the rest is not read (csx's limit for one archive, a "
            "zip-bomb guard)",
            budget_.limits.max_members));
        return false;
    }
    struct archive_entry* e = nullptr;
    int rc = archive_read_next_header(a_.get(), &e);
    while (rc == ARCHIVE_RETRY)
        rc = archive_read_next_header(a_.get(), &e);
    if (rc == ARCHIVE_EOF) {
        done_ = true;
        return false;
    }
    if (rc < ARCHIVE_WARN || !e) {
        const std::string where = members_ == 0
                                      ? std::string("at its first entry")
                                      : fmt::format("after {} entr{} (the last one '{}')", members_,
                                                    members_ == 1 ? "y" : "ies", last_member_);
        fail_archive(fmt::format("damaged {}: {}; the entries before it were read", where,
                                 source_message("unreadable header")));
        return false;
    }
    ++members_;
    single_file_ = ::archive_format(a_.get()) == ARCHIVE_FORMAT_RAW;
    m = archive_member{};
    if (single_file_) {
        m.name = archive_stem(name_);
    } else {
        const char* p = archive_entry_pathname_utf8(e);
        if (!p) p = archive_entry_pathname(e);
        m.name = p ? normalise(p) : std::string();
        if (m.name.empty()) m.name = fmt::format("(entry {} without a name)", members_);
    }
    last_member_ = m.name;
    m.hidden = hidden_path(m.name);
    if (archive_entry_size_is_set(e) && archive_entry_size(e) >= 0)
        m.size = static_cast<std::uint64_t>(archive_entry_size(e));
    const char* link = archive_entry_hardlink(e);
    switch (archive_entry_filetype(e)) {
        case AE_IFREG:
            if (link) {
                m.skip_reason = fmt::format("a hard link to '{}': read there, not twice", link);
            } else if (archive_entry_is_encrypted(e)) {
                m.skip_reason =
                    "an encrypted (password-protected) member: not read; extract it with its "
                    "password and ingest the file";
            } else {
                m.regular = true;
            }
            break;
        case AE_IFDIR:
            m.directory = true;
            break;
        case AE_IFLNK: {
            const char* to = archive_entry_symlink(e);
            m.skip_reason = fmt::format("a symbolic link to '{}': not followed", to ? to : "?");
            break;
        }
        default:
            m.skip_reason = "a device, FIFO or socket entry: not read (only regular files are)";
            break;
    }
    in_member_ = true;
    member_size_ = m.size;
    member_out_ = 0;
    member_root_start_ = budget_.root->consumed();
    return true;
}

std::size_t archive_reader::read(char* dst, std::size_t cap) {
    if (!in_member_ || member_fault_ || dead_) return 0;
    la_ssize_t n = archive_read_data(a_.get(), dst, cap);
    while (n == ARCHIVE_RETRY)
        n = archive_read_data(a_.get(), dst, cap);
    if (n < 0) {
        const bool fatal = n == ARCHIVE_FATAL;
        source_fault f;
        f.message = fmt::format("the archive's data is damaged after {} of this member: {}{}",
                                human_bytes(member_out_), source_message("unreadable data"),
                                fatal ? "; the rest of the archive cannot be read" : "");
        if (src_.fault() && src_.fault()->what == source_fault::kind::unreadable)
            f.what = source_fault::kind::unreadable;
        member_fault_ = std::move(f);
        if (fatal) dead_ = true;
        return 0;
    }
    if (n == 0) return 0;
    const auto got = static_cast<std::uint64_t>(n);
    member_out_ += got;
    budget_.total += got;
    const archive_limits& lim = budget_.limits;
    std::string capped;
    if (budget_.total > lim.max_total_bytes) {
        capped = fmt::format(
            "stopped after {} decompressed: the archive expands past {}, csx's limit for one "
            "archive (a zip-bomb guard)",
            human_bytes(budget_.total - got), human_bytes(lim.max_total_bytes));
    } else if (member_out_ > lim.ratio_grace) {
        const std::uint64_t in = budget_.root->consumed() - member_root_start_;
        if (member_out_ > lim.max_ratio * std::max<std::uint64_t>(in, 1)) {
            capped = fmt::format(
                "stopped after {}: this member expands more than {}:1 ({} bytes from {} "
                "compressed), csx's limit (a zip-bomb guard)",
                human_bytes(member_out_ - got), lim.max_ratio, member_out_, in);
        }
    }
    if (!capped.empty()) {
        member_fault_ = source_fault{source_fault::kind::damaged,
                                     capped + "; the rest of the archive is not read"};
        dead_ = true;
        return 0;
    }
    return static_cast<std::size_t>(got);
}

void archive_reader::skip_member() {
    if (!in_member_ || member_fault_ || dead_) return;
    // Only a plain tar member can be skipped in the file. A zip member's compressed length
    // may be known only from a descriptor after its data, and anything behind the gzip filter
    // must be decompressed to be passed: read through here, under the caps, rather than let
    // libarchive inflate it unbounded.
    if (!plain_tar_ || !member_size_) {
        std::vector<char> scratch(kBlock);  // not buffer_: libarchive may still point into it
        while (read(scratch.data(), scratch.size()) > 0) {
        }
        if (member_fault_) {
            // Nobody reads this member's result: the archive carries the fault.
            if (!archive_fault_)
                archive_fault_ = source_fault{member_fault_->what,
                                              fmt::format("while passing over '{}' (not read): {}",
                                                          last_member_, member_fault_->message)};
            member_fault_.reset();
        }
        return;
    }
    if (archive_read_data_skip(a_.get()) < ARCHIVE_WARN)
        fail_archive(fmt::format("damaged inside '{}': {}", last_member_,
                                 source_message("cannot skip the member")));
}

}  // namespace csx::ingest

#include "re2_shim.h"
#include <re2/re2.h>
#include <string.h>
#include <vector>

struct hre2 { re2::RE2 *re; };

extern "C" hre2 *hre2_compile(const char *pattern, size_t len, int ci, size_t max_mem, char *err, size_t errlen) {
    re2::RE2::Options opt;
    opt.set_log_errors(false);
    opt.set_case_sensitive(!ci);
    if (max_mem) opt.set_max_mem((int64_t)max_mem);
    re2::RE2 *re = new re2::RE2(re2::StringPiece(pattern, len), opt);
    if (!re->ok()) {
        if (err && errlen) { strncpy(err, re->error().c_str(), errlen - 1); err[errlen - 1] = 0; }
        delete re;
        return nullptr;
    }
    return new hre2{re};
}

extern "C" void hre2_free(hre2 *r) { if (r) { delete r->re; delete r; } }

extern "C" int hre2_search(const hre2 *r, const char *text, size_t len) {
    return re2::RE2::PartialMatch(re2::StringPiece(text, len), *r->re) ? 1 : 0;
}

extern "C" int hre2_groups(const hre2 *r) { return r->re->NumberOfCapturingGroups(); }

extern "C" int hre2_match_at(const hre2 *r, const char *text, size_t len, size_t start, long *spans, int nspans) {
    std::vector<re2::StringPiece> sub(nspans);
    re2::StringPiece in(text, len);
    if (!r->re->Match(in, start, len, re2::RE2::UNANCHORED, sub.data(), nspans)) return 0;
    for (int i = 0; i < nspans; i++) {
        if (sub[i].data() == nullptr) { spans[2*i] = -1; spans[2*i+1] = -1; }
        else { spans[2*i] = (long)(sub[i].data() - text); spans[2*i+1] = (long)sub[i].size(); }
    }
    return 1;
}

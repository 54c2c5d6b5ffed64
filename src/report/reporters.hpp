// The concrete reporters, one per file; make_reporter picks among them.
#pragma once

#include <memory>

#include "iamlint/report.hpp"

namespace iamlint::reporting {

std::unique_ptr<Reporter> make_text_reporter(const ReportOptions& options);
std::unique_ptr<Reporter> make_json_reporter(const ReportOptions& options);
std::unique_ptr<Reporter> make_sarif_reporter();
std::unique_ptr<Reporter> make_github_reporter();

}  // namespace iamlint::reporting

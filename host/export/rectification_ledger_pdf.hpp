#pragma once
// 整改台账 as a printed ledger: the rows of the .xlsx (rectification_ledger.hpp), A4
// landscape, the header on every page, long descriptions wrapped.
#include <string>
#include <vector>

#include "export/rectification_ledger.hpp"
#include "model/date.hpp"

namespace dj::exports {

// `scope` is the unit the ledger covers, shown under the title with the date.
std::string rectification_ledger_pdf(const std::vector<RectificationRow>& rows, const std::string& scope, Date today);

}  // namespace dj::exports

#pragma once
// Saving a stored attachment to a file through any Service (local or a county server): piece
// by piece (attachment_chunk), each written as it arrives, so a 50 MB photo album never sits
// whole in memory. The file appears only once complete and matching the stored hash.
#include <cstdint>
#include <filesystem>

#include "service/service.hpp"

namespace dj {

// Returns the attachment's facts. Throws UserError when the file cannot be written or what
// arrived is not what is stored (the partial file is removed).
AttachmentInfo save_attachment(Service& service, const Actor& who, std::int64_t id, const std::filesystem::path& to);

}  // namespace dj

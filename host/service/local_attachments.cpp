// Attachments read back: a stored file's facts and its bytes piece by piece, to whoever may
// read the records of the unit that uploaded it (or a notice that carries it: local_facade.cpp); and the facts a stored value carries, always
// taken from the stored row. Reads are not audited (no read of records is).
#include <nlohmann/json.hpp>

#include "core/errors.hpp"
#include "service/local_forms.hpp"

namespace dj {

using nlohmann::json;

namespace {

// One refusal for "no such file" and "not yours": an id outside the actor's scope says
// nothing about whether it exists.
[[noreturn]] void no_such_attachment(std::int64_t id) {
    throw NotFound("附件 " + std::to_string(id) + " 不存在或无权查看");
}

}  // namespace

AttachmentInfo FormPart::attachment(const Actor& claimed, std::int64_t id) {
    Actor who = ctx_.verified(claimed);
    auto row = ctx_.submissions.attachment(id);
    if (!row) no_such_attachment(id);
    try {
        ctx_.require(who, Capability::ReadForms, row->org_id);
    } catch (const AccessDenied&) {
        no_such_attachment(id);
    }
    return AttachmentInfo{id, row->name, row->size, ctx_.submissions.attachment_sha256(id).value_or("")};
}

AttachmentInfo FormPart::attachment_facts(std::int64_t id) const {
    auto row = ctx_.submissions.attachment(id);
    if (!row) no_such_attachment(id);
    return AttachmentInfo{id, row->name, row->size, ctx_.submissions.attachment_sha256(id).value_or("")};
}

std::string FormPart::attachment_piece(const AttachmentInfo& file, std::int64_t offset) const {
    if (offset < 0) throw UserError("读取位置不能为负数");
    if (static_cast<std::size_t>(offset) >= file.size) return {};
    return ctx_.submissions.attachment_bytes(file.id, static_cast<std::size_t>(offset), kAttachmentChunkBytes);
}

std::string FormPart::attachment_chunk(const Actor& who, std::int64_t id, std::int64_t offset) {
    return attachment_piece(attachment(who, id), offset);  // the same access check
}

void FormPart::attachment_facts_from_store(const forms::FormDef& form, std::int64_t node_id, json& values) const {
    auto correct = [&](json& ref) {
        if (!ref.is_object() || !ref.contains("attachment") || !ref["attachment"].is_number_integer()) return;
        const auto id = ref["attachment"].get<std::int64_t>();
        auto row = ctx_.submissions.attachment(id);
        // A file of no unit in reach (validation refuses it; a draft keeps only its number):
        // never copy another unit's file name into this record.
        const bool in_reach = row && (ctx_.orgs.is_within(row->org_id, node_id, ctx_.today) ||
                                      ctx_.orgs.is_within(node_id, row->org_id, ctx_.today));
        ref = json{{"attachment", id}};
        if (!in_reach) return;
        ref["name"] = row->name;
        ref["size"] = row->size;
        if (auto sha = ctx_.submissions.attachment_sha256(id)) ref["sha256"] = *sha;
    };
    for (const auto& f : form.fields) {
        if (f.type != forms::FieldType::Attachment || !values.contains(f.id)) continue;
        json& v = values[f.id];
        if (v.is_array())
            for (auto& each : v) correct(each);
        else
            correct(v);
    }
}

}  // namespace dj

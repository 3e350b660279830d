#include "engine/serde/text_coercion.h"

#include "engine/serde/base64.h"
#include "engine/serde/decimal_text.h"
#include "engine/serde/text_number.h"

namespace runnel::serde {

namespace {

Status CannotCoerce(const SqlType& type) {
    return Status::Invalid("Can't coerce string to type. targetType: " + type.ToString());
}

}  // namespace

Status ParseTextAs(std::string_view text, const SqlType& type, Value& out) {
    switch (type.kind()) {
        case TypeKind::kString:
            out.MutableString().assign(text.data(), text.size());
            return Status::Ok();
        case TypeKind::kInt: {
            int64_t v;
            if (!ParseJavaInt(text, &v)) return CannotCoerce(type);
            out.SetInt(v);
            return Status::Ok();
        }
        case TypeKind::kBigint:
        case TypeKind::kDate:
        case TypeKind::kTime:
        case TypeKind::kTimestamp: {
            int64_t v;
            if (!ParseJavaLong(text, &v)) return CannotCoerce(type);
            out.SetInt(v);
            return Status::Ok();
        }
        case TypeKind::kDouble: {
            double v;
            if (!ParseJavaDouble(text, &v)) return CannotCoerce(type);
            out.SetDouble(v);
            return Status::Ok();
        }
        case TypeKind::kBoolean: {
            bool v;
            if (!ParseBooleanText(text, &v)) return CannotCoerce(type);
            out.SetBool(v);
            return Status::Ok();
        }
        case TypeKind::kDecimal: {
            auto r = ParseDecimalText(text, type.precision(), type.scale());
            if (!r.ok()) return r.status();
            out.SetDecimal(r.value());
            return Status::Ok();
        }
        case TypeKind::kBytes: {
            std::string& s = out.MutableString();
            if (!DecodeBase64(text, s)) {
                out.SetNull();
                return Status::Invalid("Can't coerce string to type. targetType: BYTES "
                                       "(not valid base64)");
            }
            return Status::Ok();
        }
        case TypeKind::kArray:
        case TypeKind::kMap:
        case TypeKind::kStruct:
        case TypeKind::kNull:
        case TypeKind::kNamed:
            break;
    }
    return CannotCoerce(type);
}

}  // namespace runnel::serde

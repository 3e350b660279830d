#include "engine/catalog/catalog.h"

namespace runnel::catalog {

DataSourcePtr Catalog::Find(const std::string& name) const {
    auto it = sources_.find(name);
    return it == sources_.end() ? nullptr : it->second;
}

std::optional<SqlType> Catalog::FindType(const std::string& name) const {
    auto it = types_.find(name);
    if (it == types_.end()) return std::nullopt;
    return it->second;
}

std::shared_ptr<const Catalog> Catalog::WithSource(DataSourcePtr source) const {
    auto next = std::make_shared<Catalog>(*this);
    next->sources_[source->name] = std::move(source);
    return next;
}

std::shared_ptr<const Catalog> Catalog::WithoutSource(const std::string& name) const {
    auto next = std::make_shared<Catalog>(*this);
    next->sources_.erase(name);
    return next;
}

std::shared_ptr<const Catalog> Catalog::WithType(const std::string& name, SqlType type) const {
    auto next = std::make_shared<Catalog>(*this);
    next->types_[name] = std::move(type);
    return next;
}

std::shared_ptr<const Catalog> Catalog::WithoutType(const std::string& name) const {
    auto next = std::make_shared<Catalog>(*this);
    next->types_.erase(name);
    return next;
}

}  // namespace runnel::catalog

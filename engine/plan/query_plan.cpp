#include "engine/plan/query_plan.h"

namespace runnel::plan {

std::string QueryPlan::Describe() const {
    std::string out;
    std::string indent;
    for (auto it = steps.rbegin(); it != steps.rend(); ++it) {
        out += indent + " > [ ";
        if (auto* s = std::get_if<SourceStep>(&*it)) {
            out += "SOURCE ] | Schema: " + s->schema.ToString() + " | Topic: " + s->topic;
        } else if (auto* f = std::get_if<FilterStep>(&*it)) {
            out += "FILTER ] | Predicate: " + f->predicate->sql;
        } else if (auto* m = std::get_if<FlatMapStep>(&*it)) {
            out += "FLAT_MAP ] | Schema: " + m->schema.ToString() + " | Table functions: ";
            for (size_t i = 0; i < m->calls.size(); ++i) out += (i ? ", " : "") + m->calls[i].sql;
        } else if (auto* p = std::get_if<ProjectStep>(&*it)) {
            out += "PROJECT ] | Schema: " + p->schema.ToString();
        } else if (auto* g = std::get_if<GroupByStep>(&*it)) {
            out += "GROUP BY ] | Schema: " + g->schema.ToString();
            if (g->repartition) out += " | Repartition: " + g->repartition_name;
        } else if (auto* a = std::get_if<AggregateStep>(&*it)) {
            out += "AGGREGATE ] | Schema: " + a->schema.ToString() + " | Store: " + a->store_name;
        } else if (auto* r = std::get_if<RekeyStep>(&*it)) {
            out += "REKEY ] | Schema: " + r->schema.ToString();
            if (r->repartition) out += " | Repartition: " + r->repartition_name;
        } else if (auto* j = std::get_if<JoinStep>(&*it)) {
            static const char* kTypes[] = {"INNER", "LEFT", "RIGHT", "FULL"};
            out += std::string("JOIN ") + kTypes[static_cast<int>(j->type)] + " ] | Right: " +
                   j->right_source.source_name + " | Schema: " + j->schema.ToString();
        } else if (auto* k = std::get_if<SinkStep>(&*it)) {
            out += "SINK ] | Schema: " + k->schema.ToString() + " | Topic: " + k->topic;
        }
        out += "\n";
        indent += "\t";
    }
    return out;
}

}  // namespace runnel::plan

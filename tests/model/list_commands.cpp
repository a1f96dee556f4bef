// Lists with random limit, order and cursors (walks over every page, single pages after,
// before or between cursors, cursors of deleted objects and of objects that never were).
#include <algorithm>
#include <ostream>

#include <rapidcheck.h>

#include "tests/model/command_support.hpp"
#include "tests/model/commands.hpp"
#include "tests/model/paging_check.hpp"

namespace tests::model {
namespace {
using Collection = ListPages::Collection;
using Mode = ListPages::Mode;

const char* id_prefix(Collection collection) {
  switch (collection) {
    case Collection::assistants: return "asst_";
    case Collection::messages: return "msg_";
    case Collection::runs: return "run_";
    case Collection::steps: return "step_";
  }
  return "";
}

const char* mode_name(Mode mode) {
  switch (mode) {
    case Mode::walk_after: return "walk after";
    case Mode::walk_before: return "walk before";
    case Mode::after_cursor: return "after cursor";
    case Mode::before_cursor: return "before cursor";
    case Mode::between: return "between cursors";
    case Mode::unknown_cursor: return "unknown cursor";
  }
  return "";
}
}  // namespace

ListPages::ListPages(const Model& model) {
  collection = *rc::gen::element(Collection::assistants, Collection::messages, Collection::messages,
                                 Collection::runs, Collection::steps);
  std::vector<std::size_t> with_runs;
  for (std::size_t t = 0; t < model.threads.size(); ++t) {
    if (!model.threads[t].runs.empty()) with_runs.push_back(t);
  }
  if (collection == Collection::steps && with_runs.empty()) collection = Collection::messages;
  if (collection != Collection::assistants && model.threads.empty())
    collection = Collection::assistants;
  if (collection == Collection::steps) {
    thread = with_runs[*rc::gen::inRange<std::size_t>(0, with_runs.size())];
  } else if (collection != Collection::assistants) {
    thread = pick(live_threads(model), model.threads.size());
  }
  const std::size_t runs =
      collection == Collection::assistants ? 0 : model.threads[thread].runs.size();
  if (runs > 0) run_index = *rc::gen::inRange<std::size_t>(0, runs);
  run_filter = collection == Collection::messages && runs > 0 && *rc::gen::inRange(0, 4) == 0;
  limit = *rc::gen::weightedOneOf<std::size_t>(
      {{7, rc::gen::inRange<std::size_t>(1, 6)}, {3, rc::gen::inRange<std::size_t>(1, 101)}});
  const int order = *rc::gen::inRange(0, 3);
  if (order > 0) ascending = order == 1;
  mode = *rc::gen::element(Mode::walk_after, Mode::walk_before, Mode::after_cursor,
                           Mode::before_cursor, Mode::between, Mode::unknown_cursor);
  pick_a = *rc::gen::inRange<std::size_t>(0, 1000);
  pick_b = *rc::gen::inRange<std::size_t>(0, 1000);
}

void ListPages::checkPreconditions(const Model& model) const {
  if (collection == Collection::assistants) return;
  RC_PRE(has_thread(model, thread));
  if (collection == Collection::steps || run_filter) RC_PRE(has_run(model, thread, run_index));
}

void ListPages::execute(const Model& now, ServerUnderTest& sut) const {
  ListQuery query;
  query.limit = limit;
  query.ascending = ascending;
  std::vector<ListEntry> entries;  // creation order
  if (collection == Collection::assistants) {
    query.path = "/v1/assistants";
    for (std::size_t a = 0; a < now.assistants.size(); ++a) {
      entries.push_back({sut.assistant_id(a), !now.assistants[a].deleted});
    }
  } else {
    const ModelThread& model_thread = now.threads[thread];
    const ThreadIds& ids = sut.thread(thread);
    query.path = "/v1/threads/" + ids.id;
    switch (collection) {
      case Collection::messages:
        query.path += "/messages";
        if (run_filter) query.extra = "run_id=" + ids.runs.at(run_index).id;
        for (std::size_t m = 0; m < model_thread.messages.size(); ++m) {
          const ModelMessage& message = model_thread.messages[m];
          const bool kept = !run_filter || message.run == std::optional<std::size_t>(run_index);
          entries.push_back({ids.messages.at(m), !message.deleted && kept});
        }
        break;
      case Collection::runs:
        query.path += "/runs";
        for (std::size_t r = 0; r < model_thread.runs.size(); ++r) {
          entries.push_back({ids.runs.at(r).id, true});
        }
        break;
      case Collection::steps: {
        const RunIds& run = ids.runs.at(run_index);
        query.path += "/runs/" + run.id + "/steps";
        for (const std::string& step : run.steps) entries.push_back({step, true});
        require(run.steps.size() == model_thread.runs[run_index].steps.size(), "unbound steps");
        break;
      }
      case Collection::assistants: break;
    }
    if (model_thread.deleted) {
      expect_error(sut.get(query.path), 404, not_found("thread", ids.id), "list on deleted thread");
      return;
    }
  }
  for (const ListEntry& entry : entries) require(!entry.id.empty(), query.path + ": unbound id");

  std::vector<ListEntry> in_order = entries;
  if (!ascending.value_or(false)) std::reverse(in_order.begin(), in_order.end());
  const std::size_t n = in_order.size();
  const std::size_t a = n == 0 ? 0 : pick_a % n;
  const std::size_t b = n == 0 ? 0 : pick_b % n;
  // An empty list has no cursor to name: walk it instead.
  const Mode effective = n == 0 && mode != Mode::unknown_cursor ? Mode::walk_after : mode;
  if (effective != Mode::unknown_cursor)
    ++figures().outcomes[std::string("list, ") + mode_name(effective)];
  switch (effective) {
    case Mode::walk_after: check_walk_after(sut, query, entries); break;
    case Mode::walk_before: check_walk_before(sut, query, entries); break;
    case Mode::after_cursor:  // the cursor may name a deleted object: that still works
      check_page(sut, query, in_order[a].id, std::nullopt,
                 expected_page(in_order, a, std::nullopt, limit));
      break;
    case Mode::before_cursor:
      check_page(sut, query, std::nullopt, in_order[a].id,
                 expected_page(in_order, std::nullopt, a, limit));
      break;
    case Mode::between:
      check_page(sut, query, in_order[a].id, in_order[b].id, expected_page(in_order, a, b, limit));
      break;
    case Mode::unknown_cursor: {
      const std::string never = std::string(id_prefix(collection)) + "neverexisted000000000000";
      const std::string param = pick_a % 2 == 0 ? "after" : "before";
      expect_error(sut.get(query.path + "?" + param + "=" + never), 400,
                   "Invalid '" + param + "': no object with id '" + never + "' in this list.",
                   "unknown cursor");
      break;
    }
  }
}

void ListPages::show(std::ostream& os) const {
  const char* collections[] = {"assistants", "messages", "runs", "steps"};
  os << "ListPages(" << collections[static_cast<std::size_t>(collection)];
  if (collection != Collection::assistants) os << " of thread #" << thread;
  if (collection == Collection::steps || run_filter) os << " run #" << run_index;
  os << ", limit " << limit << ", order " << (ascending ? (*ascending ? "asc" : "desc") : "default")
     << ", " << mode_name(mode) << " " << pick_a << "/" << pick_b << ")";
}

}  // namespace tests::model

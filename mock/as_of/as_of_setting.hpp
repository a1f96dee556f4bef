#pragma once
// The date the server answers as (`serve --as-of`, /__admin/as_of), or none: every surface
// served, as without the flag. Read on every request and changed at run time, so it is one
// atomic word.
#include <atomic>
#include <cstdint>
#include <optional>

#include "timeline/calendar_date.hpp"

namespace mock::as_of {

class AsOfSetting {
public:
  explicit AsOfSetting(std::optional<timeline::CalendarDate> date = std::nullopt) { set(date); }

  std::optional<timeline::CalendarDate> get() const;
  void set(std::optional<timeline::CalendarDate> date);

private:
  std::atomic<std::int32_t> m_yyyymmdd{0};  // 0: no date
};

}  // namespace mock::as_of

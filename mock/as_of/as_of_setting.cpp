#include "mock/as_of/as_of_setting.hpp"

namespace mock::as_of {

std::optional<timeline::CalendarDate> AsOfSetting::get() const {
  const std::int32_t value = m_yyyymmdd.load(std::memory_order_relaxed);
  if (value == 0) return std::nullopt;
  return timeline::CalendarDate{value / 10000, value / 100 % 100, value % 100};
}

void AsOfSetting::set(std::optional<timeline::CalendarDate> date) {
  m_yyyymmdd.store(date ? date->year * 10000 + date->month * 100 + date->day : 0,
                   std::memory_order_relaxed);
}

}  // namespace mock::as_of

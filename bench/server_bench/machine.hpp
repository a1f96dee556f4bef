#pragma once
// Facts about the machine and this process for the report's header, read from /proc.
#include <string>

namespace server_bench {

std::string cpu_model();
std::string load_average();
std::string resident_memory();  // this process's VmRSS, e.g. "123456 kB"

}  // namespace server_bench

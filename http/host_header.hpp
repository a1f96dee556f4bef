#pragma once
// Which Host header values name this machine. A browser page that rebinds its own DNS name to
// 127.0.0.1 (DNS rebinding) reaches a loopback server as a same-origin page: no Origin
// header on its GETs, but the Host header still carries the page's own name.
#include <string_view>

namespace mock::http {

// "localhost", "127.x.y.z" or "[::1]", each with an optional ":port"; an absent (empty)
// Host too, as non-browser HTTP/1.0 clients send none.
bool host_names_loopback(std::string_view host);

}  // namespace mock::http

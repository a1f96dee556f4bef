#pragma once
// Which Assistants API a request speaks (OpenAI-Beta: assistants=v1 or v2). One store
// serves both; the version decides the request fields accepted and the wire shapes. It
// lives in core because vector stores (v2 only) read the same header.

namespace mock::core {
enum class ApiVersion { v1, v2 };
}  // namespace mock::core

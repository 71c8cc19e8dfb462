#pragma once
// Ownership of C handles: std::unique_ptr<T, CDeleter<free_function>>.
#include <memory>

namespace signage::platform {

template <auto Fn>
struct CDeleter {
    template <class T>
    void operator()(T* p) const noexcept
    {
        if (p)
            Fn(p);
    }
};

}  // namespace signage::platform

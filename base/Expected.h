#pragma once

#include <utility>
#include <variant>

namespace ks {

// A value or a typed error, in the spirit of C++23's std::expected (not available in C++20).
// Errors are values at layer boundaries: no exception leaves a layer. Each layer keeps its own error type
// (device::DeviceError, ca::CaError, core::CoreError) and its Result<T> alias over this template.
template<class T, class E> class Expected
{
public:
    Expected(T value)
        : m_data(std::in_place_index<0>, std::move(value))
    { }
    Expected(E error)
        : m_data(std::in_place_index<1>, std::move(error))
    { }

    bool hasValue() const { return m_data.index() == 0; }
    explicit operator bool() const { return hasValue(); }

    T &value() & { return std::get<0>(m_data); }
    const T &value() const & { return std::get<0>(m_data); }
    T &&value() && { return std::get<0>(std::move(m_data)); }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }
    T &operator*() & { return value(); }
    const T &operator*() const & { return value(); }

    const E &error() const { return std::get<1>(m_data); }

private:
    std::variant<T, E> m_data;
};

// Expected<void, E>: success carries nothing.
template<class E> class Expected<void, E>
{
public:
    Expected() = default;
    Expected(E error)
        : m_error(std::move(error))
        , m_failed(true)
    { }

    bool hasValue() const { return !m_failed; }
    explicit operator bool() const { return hasValue(); }
    const E &error() const { return m_error; }

private:
    E m_error {};
    bool m_failed = false;
};

} // namespace ks

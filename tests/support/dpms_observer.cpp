#include "support/dpms_observer.hpp"

#include "platform/c_deleter.hpp"

#include <X11/Xlib.h>
#include <X11/extensions/dpms.h>

struct DpmsObserver::Connection {
    std::unique_ptr<Display, signage::platform::CDeleter<XCloseDisplay>> display;
};

DpmsObserver::DpmsObserver() : m_connection(std::make_unique<Connection>())
{
    m_connection->display.reset(XOpenDisplay(nullptr));
}

DpmsObserver::~DpmsObserver() = default;

bool DpmsObserver::connected() const
{
    return m_connection->display != nullptr;
}

bool DpmsObserver::has_extension() const
{
    int event_base = 0;
    int error_base = 0;
    return DPMSQueryExtension(m_connection->display.get(), &event_base, &error_base);
}

bool DpmsObserver::capable() const
{
    return DPMSCapable(m_connection->display.get());
}

DpmsObserver::State DpmsObserver::state() const
{
    CARD16 level = 0;
    BOOL enabled = False;
    DPMSInfo(m_connection->display.get(), &level, &enabled);
    return State{level == DPMSModeOff, enabled != False};
}

void DpmsObserver::set_enabled(bool enabled)
{
    enabled ? DPMSEnable(m_connection->display.get()) : DPMSDisable(m_connection->display.get());
    XSync(m_connection->display.get(), False);
}

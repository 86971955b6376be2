#pragma once

#include "providerhandler.h"

#include <QHash>
#include <QStringList>

#include <memory>

namespace Callvia::Services {

// The ProviderHandlers by provider name ("stripe", …). Owns them. Filled once at start-up by
// the composition root, then only read (by the listener and the processor's thread).
class HandlerRegistry final
{
    Q_DISABLE_COPY_MOVE(HandlerRegistry)
public:
    HandlerRegistry() = default;
    ~HandlerRegistry();

    void add(std::unique_ptr<ProviderHandler> handler);
    ProviderHandler *handler(const QString &provider) const { return m_handlers.value(provider).get(); }
    QStringList providers() const;

private:
    QHash<QString, std::shared_ptr<ProviderHandler>> m_handlers;
};

} // namespace Callvia::Services

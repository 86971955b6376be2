#include "handlerregistry.h"

#include <algorithm>

namespace Callvia::Services {

HandlerRegistry::~HandlerRegistry() = default;

void HandlerRegistry::add(std::unique_ptr<ProviderHandler> handler)
{
    const QString name = handler->provider();
    m_handlers.insert(name, std::shared_ptr<ProviderHandler>(std::move(handler)));
}

QStringList HandlerRegistry::providers() const
{
    QStringList names = m_handlers.keys();
    std::sort(names.begin(), names.end());
    return names;
}

} // namespace Callvia::Services

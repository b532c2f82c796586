package org.pilegate.opcua.internal;

import org.eclipse.milo.opcua.sdk.core.AccessLevel;
import org.eclipse.milo.opcua.sdk.server.nodes.filters.AttributeFilter;
import org.eclipse.milo.opcua.sdk.server.nodes.filters.AttributeFilterContext.GetAttributeContext;
import org.eclipse.milo.opcua.stack.core.AttributeId;

/**
 * Tells each session what it may do: writable variables are read-only and methods not executable for anyone but an
 * operator. Milo refuses a method call with BadUserAccessDenied on this UserExecutable; writes are checked again
 * where they are carried out.
 */
final class OperatorAccessFilter implements AttributeFilter {

    static final OperatorAccessFilter INSTANCE = new OperatorAccessFilter();

    private OperatorAccessFilter() {
    }

    @Override
    public Object getAttribute(GetAttributeContext context, AttributeId attributeId) {
        boolean operator = ClientIdentity.of(context.getSession()) instanceof ClientIdentity.Operator;
        return switch (attributeId) {
            case UserAccessLevel -> operator ? context.getAttribute(AttributeId.AccessLevel)
                    : AccessLevel.toValue(AccessLevel.READ_ONLY);
            case UserExecutable -> operator && Boolean.TRUE.equals(context.getAttribute(AttributeId.Executable));
            default -> context.getAttribute(attributeId);
        };
    }
}

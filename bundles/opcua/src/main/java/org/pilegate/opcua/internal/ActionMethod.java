package org.pilegate.opcua.internal;

import org.eclipse.milo.opcua.sdk.server.api.methods.AbstractMethodInvocationHandler;
import org.eclipse.milo.opcua.sdk.server.nodes.UaMethodNode;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.structured.Argument;

/**
 * A method that changes the depot on an operator's behalf and answers nothing but its StatusCode. Milo has checked
 * the number and types of the arguments before {@link Action#run} sees them.
 */
final class ActionMethod extends AbstractMethodInvocationHandler {

    /** What the method does. */
    @FunctionalInterface
    interface Action {
        void run(ClientIdentity.Operator operator, Variant[] inputs) throws UaException;
    }

    private final Argument[] inputs;
    private final Action action;

    ActionMethod(UaMethodNode node, Argument[] inputs, Action action) {
        super(node);
        this.inputs = inputs.clone();
        this.action = action;
    }

    @Override
    public Argument[] getInputArguments() {
        return inputs.clone();
    }

    @Override
    public Argument[] getOutputArguments() {
        return new Argument[0];
    }

    @Override
    protected Variant[] invoke(InvocationContext context, Variant[] inputValues) throws UaException {
        // UserExecutable already keeps anonymous sessions out; this holds even if the node's filters change
        if (!(ClientIdentity.of(context.getSession()) instanceof ClientIdentity.Operator operator)) {
            throw new UaException(StatusCodes.Bad_UserAccessDenied, "only an operator may call "
                    + getNode().getBrowseName().getName());
        }
        action.run(operator, inputValues);
        return new Variant[0];
    }
}

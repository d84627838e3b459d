package io.labvisor.api.actions;

import io.labvisor.Labvisor;
import io.labvisor.operation.Ec2Operations;

/** The actions labvisor's API offers: every operation of {@link Ec2Operations}, as the command line's. */
public final class Ec2Actions {
    private Ec2Actions() {
    }

    public static ActionRegistry standard(Labvisor lv) {
        return of(Ec2Operations.standard(lv));
    }

    public static ActionRegistry of(Ec2Operations operations) {
        return new ActionRegistry(operations.all().stream().map(OperationAction::new).toList());
    }
}

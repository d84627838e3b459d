package io.labvisor.api.actions;

import io.labvisor.api.query.QueryRequest;
import io.labvisor.api.xml.InstanceXml;
import io.labvisor.compute.InstanceService;

import java.util.List;

/** StopInstances: {@code InstanceId.N}, {@code Force}; the guest gets the ACPI power button first. */
final class StopInstancesAction implements ActionHandler {
    private final InstanceService instances;

    StopInstancesAction(InstanceService instances) {
        this.instances = instances;
    }

    @Override
    public String action() {
        return "StopInstances";
    }

    @Override
    public Execution prepare(QueryRequest q) {
        List<String> ids = InstanceIds.required(q, instances);
        boolean force = q.bool("Force", false);
        q.bool("Hibernate", false); // accepted; labvisor has no hibernation, a stop is a stop
        return out -> InstanceXml.stateChanges(out, instances.stop(ids, force));
    }
}

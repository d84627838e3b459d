package io.labvisor.api.actions;

import io.labvisor.api.query.QueryRequest;
import io.labvisor.api.xml.InstanceXml;
import io.labvisor.compute.InstanceService;

import java.util.List;

/** StartInstances: {@code InstanceId.N}; capacity is checked again and the domain replanned from the type. */
final class StartInstancesAction implements ActionHandler {
    private final InstanceService instances;

    StartInstancesAction(InstanceService instances) {
        this.instances = instances;
    }

    @Override
    public String action() {
        return "StartInstances";
    }

    @Override
    public Execution prepare(QueryRequest q) {
        List<String> ids = InstanceIds.required(q, instances);
        return out -> InstanceXml.stateChanges(out, instances.start(ids));
    }
}

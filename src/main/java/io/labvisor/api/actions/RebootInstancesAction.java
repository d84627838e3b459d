package io.labvisor.api.actions;

import io.labvisor.api.query.QueryRequest;
import io.labvisor.compute.InstanceService;

import java.util.List;

/** RebootInstances: {@code InstanceId.N}; answers {@code <return>true</return>} as EC2 does. */
final class RebootInstancesAction implements ActionHandler {
    private final InstanceService instances;

    RebootInstancesAction(InstanceService instances) {
        this.instances = instances;
    }

    @Override
    public String action() {
        return "RebootInstances";
    }

    @Override
    public Execution prepare(QueryRequest q) {
        List<String> ids = InstanceIds.required(q, instances);
        return out -> {
            instances.reboot(ids);
            out.text("return", true);
        };
    }
}

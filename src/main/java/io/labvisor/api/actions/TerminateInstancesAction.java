package io.labvisor.api.actions;

import io.labvisor.api.query.QueryRequest;
import io.labvisor.api.xml.InstanceXml;
import io.labvisor.compute.InstanceService;
import io.labvisor.ec2.Ec2Exception;
import io.labvisor.ec2.ErrorCode;

import java.util.List;

/** TerminateInstances: {@code InstanceId.N}; every id is checked before any instance is touched. */
final class TerminateInstancesAction implements ActionHandler {
    private final InstanceService instances;

    TerminateInstancesAction(InstanceService instances) {
        this.instances = instances;
    }

    @Override
    public String action() {
        return "TerminateInstances";
    }

    @Override
    public Execution prepare(QueryRequest q) {
        List<String> ids = q.list("InstanceId");
        if (ids.isEmpty()) {
            throw new Ec2Exception(ErrorCode.MISSING_PARAMETER, "The request must contain the parameter InstanceId");
        }
        instances.describe(ids, List.of());
        return out -> InstanceXml.stateChanges(out, instances.terminate(ids));
    }
}

package io.labvisor.api.actions;

import io.labvisor.api.query.QueryRequest;
import io.labvisor.compute.InstanceService;
import io.labvisor.ec2.Ec2Exception;
import io.labvisor.ec2.ErrorCode;

import java.util.List;

/** The {@code InstanceId.N} list the instance actions share: required, and every id must exist. */
final class InstanceIds {
    private InstanceIds() {
    }

    static List<String> required(QueryRequest q, InstanceService instances) {
        List<String> ids = q.list("InstanceId");
        if (ids.isEmpty()) {
            throw new Ec2Exception(ErrorCode.MISSING_PARAMETER, "The request must contain the parameter InstanceId");
        }
        instances.describe(ids, List.of());
        return ids;
    }
}

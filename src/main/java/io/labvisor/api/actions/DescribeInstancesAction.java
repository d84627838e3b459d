package io.labvisor.api.actions;

import io.labvisor.api.query.Page;
import io.labvisor.api.query.Pager;
import io.labvisor.api.query.QueryRequest;
import io.labvisor.api.xml.InstanceXml;
import io.labvisor.compute.Instance;
import io.labvisor.compute.InstanceService;
import io.labvisor.ec2.Ec2Exception;
import io.labvisor.ec2.ErrorCode;

import java.util.List;

/** DescribeInstances: {@code InstanceId.N}, {@code Filter.N}, paging (MaxResults counts instances, 5-1000). */
final class DescribeInstancesAction implements ActionHandler {
    private static final Pager PAGER = new Pager("DescribeInstances", 5, 1000);
    private final InstanceService instances;
    private final InstanceDetails details;

    DescribeInstancesAction(InstanceService instances, InstanceDetails details) {
        this.instances = instances;
        this.details = details;
    }

    @Override
    public String action() {
        return "DescribeInstances";
    }

    @Override
    public Execution prepare(QueryRequest q) {
        List<String> ids = q.list("InstanceId");
        var filters = q.filters();
        Pager.Request paging = PAGER.read(q);
        if (paging.paged() && !ids.isEmpty()) {
            throw new Ec2Exception(ErrorCode.INVALID_PARAMETER_COMBINATION,
                    "The parameter instancesSet cannot be used with the parameter maxResults");
        }
        Page<Instance> page = paging.page(instances.describe(ids, filters));
        return out -> {
            InstanceXml.reservationSet(out, page.items(), details);
            page.nextToken().ifPresent(t -> out.text("nextToken", t));
        };
    }
}

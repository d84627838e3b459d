package io.labvisor.api.actions;

import io.labvisor.api.query.Page;
import io.labvisor.api.query.Pager;
import io.labvisor.api.query.QueryRequest;
import io.labvisor.api.xml.InstanceStatusXml;
import io.labvisor.compute.InstanceService;
import io.labvisor.compute.InstanceStatus;

import java.util.List;

/** DescribeInstanceStatus: {@code InstanceId.N}, {@code IncludeAllInstances}, filters, paging. */
final class DescribeInstanceStatusAction implements ActionHandler {
    private static final Pager PAGER = new Pager("DescribeInstanceStatus", 5, 1000);
    private final InstanceService instances;

    DescribeInstanceStatusAction(InstanceService instances) {
        this.instances = instances;
    }

    @Override
    public String action() {
        return "DescribeInstanceStatus";
    }

    @Override
    public Execution prepare(QueryRequest q) {
        List<InstanceStatus> statuses = instances.statuses(q.list("InstanceId"), q.bool("IncludeAllInstances", false),
                q.filters());
        Page<InstanceStatus> page = PAGER.read(q).page(statuses);
        return out -> {
            InstanceStatusXml.statuses(out, page.items());
            page.nextToken().ifPresent(t -> out.text("nextToken", t));
        };
    }
}

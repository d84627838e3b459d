package io.labvisor.api.actions;

import io.labvisor.api.query.Page;
import io.labvisor.api.query.Pager;
import io.labvisor.api.query.QueryRequest;
import io.labvisor.api.xml.InstanceTypeXml;
import io.labvisor.api.xml.XmlNode;
import io.labvisor.catalog.InstanceType;
import io.labvisor.catalog.InstanceTypeCatalog;

/** DescribeInstanceTypes: {@code InstanceType.N}, {@code Filter.N}, {@code MaxResults} 5-100, {@code NextToken}. */
final class DescribeInstanceTypesAction implements ActionHandler {
    private static final Pager PAGER = new Pager("DescribeInstanceTypes", 5, 100);
    private final InstanceTypeCatalog catalog;

    DescribeInstanceTypesAction(InstanceTypeCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public String action() {
        return "DescribeInstanceTypes";
    }

    @Override
    public Execution prepare(QueryRequest q) {
        var names = q.list("InstanceType");
        var filters = q.filters();
        Pager.Request paging = PAGER.read(q);
        Page<InstanceType> page = paging.page(catalog.describe(names, filters));
        return out -> {
            XmlNode set = out.child("instanceTypeSet");
            page.items().forEach(t -> InstanceTypeXml.instanceType(set.item(), t.raw()));
            page.nextToken().ifPresent(t -> out.text("nextToken", t));
        };
    }
}

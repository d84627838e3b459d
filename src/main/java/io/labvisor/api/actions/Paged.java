package io.labvisor.api.actions;

import io.labvisor.api.query.Page;
import io.labvisor.api.query.Pager;
import io.labvisor.api.query.QueryRequest;
import io.labvisor.ec2.Ec2Exception;
import io.labvisor.ec2.ErrorCode;

import java.util.List;
import java.util.function.Supplier;

/** Paging shared by the Describe actions: EC2 refuses ids together with MaxResults or NextToken. */
final class Paged {
    private Paged() {
    }

    static Pager.Request read(Pager pager, QueryRequest q, List<String> ids, String idParameter) {
        Pager.Request paging = pager.read(q);
        if (paging.paged() && !ids.isEmpty()) {
            throw new Ec2Exception(ErrorCode.INVALID_PARAMETER_COMBINATION, "The parameter " + idParameter
                    + " cannot be used with the parameter MaxResults or NextToken");
        }
        return paging;
    }

    static <T> Page<T> page(Pager.Request paging, Supplier<List<T>> all) {
        return paging.page(all.get());
    }
}

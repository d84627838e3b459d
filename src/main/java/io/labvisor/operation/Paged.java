package io.labvisor.operation;

import io.labvisor.ec2.Ec2Exception;
import io.labvisor.ec2.ErrorCode;

import java.util.List;
import java.util.Optional;

/** Paging shared by the Describe operations: EC2 refuses ids together with MaxResults or NextToken. */
public final class Paged {
    private Paged() {
    }

    public static Pager.Request read(Pager pager, Integer maxResults, String nextToken, List<String> ids,
                                     String idParameter) {
        Pager.Request paging = pager.read(Optional.ofNullable(maxResults), Optional.ofNullable(nextToken));
        if (paging.paged() && !ids.isEmpty()) {
            throw new Ec2Exception(ErrorCode.INVALID_PARAMETER_COMBINATION, "The parameter " + idParameter
                    + " cannot be used with the parameter MaxResults or NextToken");
        }
        return paging;
    }

    public static Pager.Request read(Pager pager, Integer maxResults, String nextToken) {
        return pager.read(Optional.ofNullable(maxResults), Optional.ofNullable(nextToken));
    }
}

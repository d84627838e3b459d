package io.labvisor.api.actions;

import io.labvisor.api.query.Page;
import io.labvisor.api.query.Pager;
import io.labvisor.api.query.QueryRequest;
import io.labvisor.api.xml.ImageXml;
import io.labvisor.api.xml.XmlNode;
import io.labvisor.ec2.Account;
import io.labvisor.ec2.Ec2Exception;
import io.labvisor.ec2.ErrorCode;
import io.labvisor.image.Image;
import io.labvisor.image.ImageService;

import java.util.List;

/**
 * DescribeImages: {@code ImageId.N}, {@code Owner.N}, {@code Filter.N}, paging. Every AMI belongs to the lab
 * machine's one account, so {@code Owner} values other than {@code self} or that account match nothing.
 */
final class DescribeImagesAction implements ActionHandler {
    private static final Pager PAGER = new Pager("DescribeImages", 1, 1000);
    private final ImageService images;
    private final io.labvisor.tag.TagService tags;

    DescribeImagesAction(ImageService images, io.labvisor.tag.TagService tags) {
        this.images = images;
        this.tags = tags;
    }

    @Override
    public String action() {
        return "DescribeImages";
    }

    @Override
    public Execution prepare(QueryRequest q) {
        List<String> ids = q.list("ImageId");
        List<String> owners = q.list("Owner");
        var filters = q.filters();
        // No AMI here is ever deprecated or disabled, so these flags change nothing.
        q.bool("IncludeDeprecated", false);
        q.bool("IncludeDisabled", false);
        Pager.Request paging = PAGER.read(q);
        if (paging.paged() && !ids.isEmpty()) {
            throw new Ec2Exception(ErrorCode.INVALID_PARAMETER_COMBINATION,
                    "The parameter ImageId cannot be used with the parameter MaxResults or NextToken");
        }
        List<Image> found = images.describe(ids, filters);
        boolean ours = owners.isEmpty() || owners.contains("self") || owners.contains(Account.OWNER_ID);
        Page<Image> page = paging.page(ours ? found : List.of());
        return out -> {
            XmlNode set = out.child("imagesSet");
            page.items().forEach(i -> ImageXml.image(set.item(), i, tags.of(i.imageId())));
            page.nextToken().ifPresent(t -> out.text("nextToken", t));
        };
    }
}

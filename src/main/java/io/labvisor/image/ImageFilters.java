package io.labvisor.image;

import io.labvisor.ec2.Ec2Exception;
import io.labvisor.ec2.Filter;

import java.util.List;

/** DescribeImages filters: AND across filters, OR across a filter's values, EC2 wildcards. */
final class ImageFilters {
    private ImageFilters() {
    }

    static boolean matches(Image image, List<Filter> filters) {
        for (Filter f : filters) {
            String value = switch (f.name()) {
                case "image-id" -> image.imageId();
                case "name" -> image.name();
                case "description" -> image.description();
                case "architecture" -> image.architecture();
                case "state" -> image.state().label();
                case "root-device-name" -> image.rootDeviceName();
                case "root-device-type" -> "ebs";
                case "virtualization-type" -> "hvm";
                case "image-type" -> "machine";
                case "is-public" -> "false";
                default -> throw Ec2Exception.invalidParameter("The filter '" + f.name() + "' is invalid");
            };
            if (f.values().stream().noneMatch(p -> Filter.matches(p, value == null ? "" : value))) {
                return false;
            }
        }
        return true;
    }
}

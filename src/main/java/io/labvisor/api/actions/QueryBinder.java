package io.labvisor.api.actions;

import io.labvisor.api.query.QueryRequest;
import io.labvisor.compute.BlockDeviceMapping;
import io.labvisor.ec2.Ec2Exception;
import io.labvisor.ec2.ErrorCode;
import io.labvisor.ec2.Filter;
import io.labvisor.net.sg.IpPermission;
import io.labvisor.operation.Members;
import io.labvisor.operation.Members.RequestMember;
import io.labvisor.operation.instance.InstanceRequests.DeleteOnTerminationChange;
import io.labvisor.tag.Tag;
import io.labvisor.tag.TagService;
import io.labvisor.tag.TagSpecification;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Binds a Query request's parameters to an operation's typed request, member by member, under the Query names of
 * the request's table ({@link io.labvisor.operation.Param}). What a member holds decides how its parameter is
 * encoded: a scalar, a numbered list ({@code InstanceId.N}), filters, tag specifications, block device mappings,
 * permissions, tags. Every parameter read is marked, so what no member names is refused as UnknownParameter.
 */
final class QueryBinder {
    /** Readers of list members whose items are structures, by item type. */
    private static final Map<Type, BiFunction<QueryRequest, String, List<?>>> STRUCTURE_LISTS = Map.of(
            Filter.class, (q, name) -> q.filters(),
            TagSpecification.class, (q, name) -> ApiTags.specifications(q),
            BlockDeviceMapping.class, (q, name) -> ApiBlockDeviceMappings.of(q),
            IpPermission.class, (q, name) -> IpPermissions.read(q),
            Tag.class, QueryBinder::tags,
            TagService.KeyAndValue.class, QueryBinder::keys,
            DeleteOnTerminationChange.class, QueryBinder::deleteOnTermination);

    private QueryBinder() {
    }

    static <Q extends Record> Q bind(Class<Q> type, QueryRequest q) {
        List<RequestMember> members = Members.request(type);
        Object[] values = new Object[members.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = value(members.get(i), q);
        }
        try {
            Class<?>[] types = members.stream().map(m -> m.component().getType()).toArray(Class<?>[]::new);
            Constructor<Q> canonical = type.getDeclaredConstructor(types);
            canonical.setAccessible(true);
            return canonical.newInstance(values);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + type, e);
        }
    }

    private static Object value(RequestMember m, QueryRequest q) {
        RecordComponent c = m.component();
        String name = m.query();
        Class<?> type = c.getType();
        Object value;
        if (type == String.class) {
            value = m.required() ? q.requiredString(name) : q.string(name).orElse(null);
            if (value != null && m.base64()) {
                value = decodeBase64(name, (String) value);
            }
        } else if (type == Integer.class) {
            value = m.required() ? (Integer) q.requiredInteger(name) : q.integer(name).orElse(null);
        } else if (type == Boolean.class) {
            value = q.string(name).isPresent() ? (Boolean) q.bool(name, false) : null;
        } else if (type == List.class) {
            Type item = ((ParameterizedType) c.getGenericType()).getActualTypeArguments()[0];
            BiFunction<QueryRequest, String, List<?>> reader = STRUCTURE_LISTS.get(item);
            if (reader != null) {
                value = reader.apply(q, name);
            } else if (item == String.class) {
                value = q.list(name);
            } else {
                throw new IllegalStateException("no Query encoding for " + c);
            }
            if (m.required() && ((Collection<?>) value).isEmpty()) {
                throw new Ec2Exception(ErrorCode.MISSING_PARAMETER, "The request must contain the parameter " + name);
            }
        } else {
            throw new IllegalStateException("no Query encoding for " + c);
        }
        return value;
    }

    /** EC2 takes user data base64-encoded on the wire; labvisor keeps it as text (UTF-8). */
    static String decodeBase64(String name, String base64) {
        try {
            return new String(Base64.getMimeDecoder().decode(base64), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw Ec2Exception.invalidParameter("Invalid BASE64 encoding of " + (name.equals("UserData")
                    ? "user data." : name + "."));
        }
    }

    /** {@code Tag.N.Key}, {@code Tag.N.Value} (absent: the empty value). */
    private static List<Tag> tags(QueryRequest q, String name) {
        List<Tag> out = new ArrayList<>();
        for (int n : q.indexes(name)) {
            out.add(new Tag(q.requiredString(name + "." + n + ".Key"), q.string(name + "." + n + ".Value").orElse("")));
        }
        return out;
    }

    /** {@code Tag.N.Key} with an optional {@code Tag.N.Value} the tag must have. */
    private static List<TagService.KeyAndValue> keys(QueryRequest q, String name) {
        List<TagService.KeyAndValue> out = new ArrayList<>();
        for (int n : q.indexes(name)) {
            out.add(new TagService.KeyAndValue(q.requiredString(name + "." + n + ".Key"),
                    q.string(name + "." + n + ".Value")));
        }
        return out;
    }

    /** ModifyInstanceAttribute's {@code BlockDeviceMapping.N.DeviceName} and {@code .Ebs.DeleteOnTermination}. */
    private static List<DeleteOnTerminationChange> deleteOnTermination(QueryRequest q, String name) {
        List<DeleteOnTerminationChange> out = new ArrayList<>();
        for (int n : q.indexes(name)) {
            String p = name + "." + n;
            String dot = p + ".Ebs.DeleteOnTermination";
            q.requiredString(dot);
            out.add(new DeleteOnTerminationChange(q.requiredString(p + ".DeviceName"), q.bool(dot, false)));
        }
        return out;
    }
}

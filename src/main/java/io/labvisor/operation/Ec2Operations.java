package io.labvisor.operation;

import io.labvisor.Labvisor;
import io.labvisor.ec2.Ec2Exception;
import io.labvisor.ec2.ErrorCode;
import io.labvisor.operation.image.ImageOperations;
import io.labvisor.operation.instance.InstanceOperations;
import io.labvisor.operation.instance.InstanceView;
import io.labvisor.operation.net.NetOperations;
import io.labvisor.operation.tag.TagOperations;
import io.labvisor.operation.volume.VolumeOperations;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Every EC2 operation labvisor offers, by name: the one list both doors answer from. */
public final class Ec2Operations {
    private final Map<String, Operation<?, ?>> byName = new TreeMap<>();

    public Ec2Operations(List<Operation<?, ?>> operations) {
        for (Operation<?, ?> op : operations) {
            if (byName.put(op.name(), op) != null) {
                throw new IllegalArgumentException("two operations named " + op.name());
            }
        }
    }

    public static Ec2Operations standard(Labvisor lv) {
        InstanceView view = InstanceView.of(lv);
        List<Operation<?, ?>> all = new ArrayList<>();
        all.addAll(new InstanceOperations(lv.catalog(), lv.images(), lv.instances(), lv.attachments(), view).all());
        all.addAll(new VolumeOperations(lv.volumeService(), lv.attachments(), lv.snapshots(), lv.instances(),
                lv.tags()).all());
        all.addAll(new ImageOperations(lv.images(), lv.imageCapture(), lv.instances(), lv.volumes(), lv.tags())
                .all());
        all.addAll(new NetOperations(lv.vpcs(), lv.securityGroups(), lv.tags()).all());
        all.addAll(new TagOperations(lv.tags()).all());
        return new Ec2Operations(all);
    }

    public Optional<Operation<?, ?>> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Operation<?, ?> require(String name) {
        return find(name).orElseThrow(() -> new Ec2Exception(ErrorCode.INVALID_ACTION,
                "The action " + name + " is not valid for this web service."));
    }

    public Collection<Operation<?, ?>> all() {
        return Collections.unmodifiableCollection(byName.values());
    }
}

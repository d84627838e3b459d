package io.labvisor.operation;

import io.labvisor.operation.image.ImageOperations;
import io.labvisor.operation.instance.InstanceOperations;
import io.labvisor.operation.net.NetOperations;
import io.labvisor.operation.tag.TagOperations;
import io.labvisor.operation.volume.VolumeOperations;

import java.util.ArrayList;
import java.util.List;

/**
 * Every operation of {@link Ec2Operations#standard}, made without services: enough to read their names and record
 * types (the operations touch their services only when prepared).
 */
public final class AllOperations {
    private AllOperations() {
    }

    public static List<Operation<?, ?>> list() {
        List<Operation<?, ?>> all = new ArrayList<>();
        all.addAll(new InstanceOperations(null, null, null, null, null).all());
        all.addAll(new VolumeOperations(null, null, null, null, null).all());
        all.addAll(new ImageOperations(null, null, null, null, null).all());
        all.addAll(new NetOperations(null, null, null).all());
        all.addAll(new TagOperations(null).all());
        return List.copyOf(new Ec2Operations(all).all());
    }
}

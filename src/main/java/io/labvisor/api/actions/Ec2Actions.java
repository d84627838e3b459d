package io.labvisor.api.actions;

import io.labvisor.Labvisor;

import java.util.ArrayList;
import java.util.List;

/** The actions labvisor's API offers; a new action is one handler class plus one line here. */
public final class Ec2Actions {
    private Ec2Actions() {
    }

    public static ActionRegistry standard(Labvisor lv) {
        InstanceDetails details = new InstanceDetails(lv.catalog(), lv.volumes(), lv.tags(), lv.securityGroups());
        List<ActionHandler> handlers = new ArrayList<>(List.of(
                new DescribeInstanceTypesAction(lv.catalog()),
                new RegisterImageAction(lv.images()),
                new DescribeImagesAction(lv.images(), lv.tags()),
                new DeregisterImageAction(lv.images(), lv.volumes()),
                new RunInstancesAction(lv.catalog(), lv.images(), lv.instances(), details),
                new DescribeInstancesAction(lv.instances(), details),
                new TerminateInstancesAction(lv.instances()),
                new StopInstancesAction(lv.instances()),
                new StartInstancesAction(lv.instances()),
                new RebootInstancesAction(lv.instances()),
                new DescribeInstanceStatusAction(lv.instances()),
                new ModifyInstanceAttributeAction(lv.instances()),
                new DescribeInstanceAttributeAction(lv.instances()),
                new GetConsoleOutputAction(lv.instances())));
        handlers.addAll(new VolumeActions(lv.volumeService(), lv.attachments(), lv.instances(), lv.tags()).handlers());
        handlers.addAll(new SnapshotActions(lv.snapshots(), lv.volumeService(), lv.imageCapture(), lv.instances(),
                lv.tags()).handlers());
        handlers.addAll(new VpcActions(lv.vpcs(), lv.securityGroups(), lv.tags()).handlers());
        handlers.addAll(new SecurityGroupActions(lv.securityGroups(), lv.vpcs(), lv.tags()).handlers());
        handlers.addAll(new TagActions(lv.tags()).handlers());
        return new ActionRegistry(handlers);
    }
}

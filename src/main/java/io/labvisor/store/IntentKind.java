package io.labvisor.store;

/**
 * The multi-step operations that record an intent before their first side effect. Each has one recovery at
 * labvisord's start, which rolls an interrupted one forward or back.
 */
public enum IntentKind {
    /** RunInstances; resources: the reserved instance ids. */
    LAUNCH,
    /** TerminateInstances; resources: the instance ids. */
    TERMINATE,
    /** StopInstances; resources: the instance ids it stops. */
    STOP,
    /** StartInstances; resources: the instance ids. */
    START,
    /** CreateVolume (and a launch's data volumes); resources: the volume id; detail: its pool volume. */
    CREATE_VOLUME,
    /** DeleteVolume; resources: the volume id. */
    DELETE_VOLUME,
    /** AttachVolume; resources: volume id, instance id. */
    ATTACH_VOLUME,
    /** DetachVolume; resources: volume id, instance id. */
    DETACH_VOLUME,
    /** CreateSnapshot; resources: snapshot id, volume id; detail: its pool volume. */
    CREATE_SNAPSHOT,
    /** CreateImage; resources: the new image id; detail: the pool volumes it copies to. */
    CREATE_IMAGE,
    /** RegisterImage; resources: the new image id; detail: staging folder, staging pool, pool volumes. */
    REGISTER_IMAGE
}

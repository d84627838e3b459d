package io.labvisor.image;

/** What a file of an AMI is for; the inspector checks each role's content differently. */
public enum ImageFileRole {
    KERNEL, RAMDISK, ROOT
}

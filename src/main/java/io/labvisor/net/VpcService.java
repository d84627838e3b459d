package io.labvisor.net;

import io.labvisor.ec2.Ec2Exception;
import io.labvisor.ec2.ErrorCode;
import io.labvisor.ec2.ResourceId;
import io.labvisor.ec2.Filter;
import io.labvisor.tag.Tag;
import io.labvisor.tag.TagFilters;
import io.labvisor.tag.TagRules;
import io.labvisor.tag.TagService;
import io.labvisor.tag.TaggedResource;
import io.labvisor.virt.LibvirtHost;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;

/**
 * CreateVpc, DescribeVpcs, DeleteVpc, CreateSubnet, DescribeSubnets, DeleteSubnet. Rows are checked and written in
 * one transaction; a subnet's libvirt network is defined after its row and the row removed again if that fails.
 * Every labvisor state has a default VPC (172.31.0.0/16) whose default subnet is the shared labvisor-default network.
 */
public final class VpcService {
    private static final Logger log = LoggerFactory.getLogger(VpcService.class);
    static final Cidr DEFAULT_VPC = Cidr.parse("172.31.0.0/16");
    static final Cidr DEFAULT_SUBNET = Cidr.parse("172.31.0.0/" + DefaultNetwork.PREFIX);

    private final VpcRepository repo;
    private final LibvirtHost libvirt;
    private final DefaultNetwork defaultNetwork;
    private final TagService tags;

    public VpcService(VpcRepository repo, LibvirtHost libvirt, DefaultNetwork defaultNetwork, TagService tags) {
        this.tags = tags;
        this.repo = repo;
        this.libvirt = libvirt;
        this.defaultNetwork = defaultNetwork;
        ensureDefault();
    }

    private void ensureDefault() {
        repo.database().write(c -> {
            if (VpcRepository.vpcs(c).stream().noneMatch(Vpc::isDefault)) {
                Vpc vpc = new Vpc(ResourceId.VPC.next(), DEFAULT_VPC, true);
                VpcRepository.insert(c, vpc);
                VpcRepository.insert(c, new Subnet(ResourceId.SUBNET.next(), vpc.vpcId(), DEFAULT_SUBNET,
                        DefaultNetwork.NAME, DefaultNetwork.BRIDGE, true));
            }
        });
    }

    public Vpc createVpc(String cidrBlock) {
        return createVpc(cidrBlock, List.of());
    }

    public Vpc createVpc(String cidrBlock, List<Tag> vpcTags) {
        TagRules.check(vpcTags);
        Cidr cidr = Cidr.parse(cidrBlock);
        if (cidr.prefix() < 16 || cidr.prefix() > 28) {
            throw new Ec2Exception(ErrorCode.INVALID_VPC_RANGE, "The CIDR '" + cidr + "' is invalid.");
        }
        Vpc vpc = new Vpc(ResourceId.VPC.next(), cidr, false);
        repo.database().write(c -> VpcRepository.insert(c, vpc));
        tags.tagNew(TaggedResource.VPC, List.of(vpc.vpcId()), vpcTags);
        return vpc;
    }

    public List<Vpc> describeVpcs(List<String> ids) {
        return describeVpcs(ids, List.of());
    }

    public List<Vpc> describeVpcs(List<String> ids, List<Filter> filters) {
        List<Vpc> all = repo.vpcs();
        ids.stream().filter(id -> all.stream().noneMatch(v -> v.vpcId().equals(id))).findFirst()
                .ifPresent(id -> {
                    throw vpcNotFound(id);
                });
        List<Filter> own = TagFilters.withoutTags(filters);
        return tags.filter(all.stream().filter(v -> ids.isEmpty() || ids.contains(v.vpcId()))
                .filter(v -> NetFilters.matches(v, own)).toList(), Vpc::vpcId, filters);
    }

    /** The rows only; callers use SecurityGroupService.deleteVpc, which also removes the default group's nwfilter. */
    public void deleteVpc(String vpcId) {
        repo.database().write(c -> {
            if (VpcRepository.vpcs(c).stream().noneMatch(v -> v.vpcId().equals(vpcId))) {
                throw vpcNotFound(vpcId);
            }
            if (VpcRepository.subnets(c).stream().anyMatch(s -> s.vpcId().equals(vpcId))
                    || VpcRepository.nonDefaultGroups(c, vpcId) > 0) {
                throw new Ec2Exception(ErrorCode.DEPENDENCY_VIOLATION,
                        "The vpc '" + vpcId + "' has dependencies and cannot be deleted.");
            }
            VpcRepository.deleteGroupsOf(c, vpcId); // only its default group is left: it goes with the VPC
            VpcRepository.delete(c, "vpcs", vpcId);
        });
        tags.removeAll(vpcId);
    }

    public Subnet createSubnet(String vpcId, String cidrBlock) {
        return createSubnet(vpcId, cidrBlock, List.of());
    }

    public Subnet createSubnet(String vpcId, String cidrBlock, List<Tag> subnetTags) {
        TagRules.check(subnetTags);
        Cidr cidr = Cidr.parse(cidrBlock);
        Subnet subnet = repo.database().inTransaction(c -> {
            Vpc vpc = VpcRepository.vpcs(c).stream().filter(v -> v.vpcId().equals(vpcId)).findFirst()
                    .orElseThrow(() -> vpcNotFound(vpcId));
            if (cidr.prefix() < 16 || cidr.prefix() > 28 || !vpc.cidr().contains(cidr)) {
                throw new Ec2Exception(ErrorCode.INVALID_SUBNET_RANGE, "The CIDR '" + cidr + "' is invalid.");
            }
            if (VpcRepository.subnets(c).stream().anyMatch(s -> s.vpcId().equals(vpcId) && s.cidr().overlaps(cidr))) {
                throw new Ec2Exception(ErrorCode.INVALID_SUBNET_CONFLICT, "The CIDR '" + cidr + "' conflicts with another subnet");
            }
            Subnet s = Subnet.named(ResourceId.SUBNET.next(), vpcId, cidr);
            VpcRepository.insert(c, s);
            return s;
        });
        try {
            libvirt.networks().ensureNetwork(subnet.network(), SubnetNetwork.spec(subnet).toXml());
        } catch (RuntimeException e) {
            // e.g. another network in the namespace already routes this block (another VPC with the same range)
            repo.database().write(c -> VpcRepository.delete(c, "subnets", subnet.subnetId()));
            libvirt.networks().remove(subnet.network());
            throw new Ec2Exception(ErrorCode.INVALID_SUBNET_CONFLICT, "The CIDR '" + cidr
                    + "' could not be brought up on this host: " + e.getMessage(), e);
        }
        tags.tagNew(TaggedResource.SUBNET, List.of(subnet.subnetId()), subnetTags);
        log.info("created {} ({} in {}) as network {} on {}", subnet.subnetId(), cidr, vpcId, subnet.network(),
                subnet.bridge());
        return subnet;
    }

    public List<Subnet> describeSubnets(List<String> ids) {
        return describeSubnets(ids, List.of());
    }

    public List<Subnet> describeSubnets(List<String> ids, List<Filter> filters) {
        List<Subnet> all = repo.subnets();
        ids.stream().filter(id -> all.stream().noneMatch(s -> s.subnetId().equals(id))).findFirst()
                .ifPresent(id -> {
                    throw subnetNotFound(id);
                });
        List<Filter> own = TagFilters.withoutTags(filters);
        return tags.filter(all.stream().filter(s -> ids.isEmpty() || ids.contains(s.subnetId()))
                .filter(s -> own.isEmpty() || NetFilters.matches(s, availableIpAddressCount(s), own)).toList(),
                Subnet::subnetId, filters);
    }

    public void deleteSubnet(String subnetId) {
        Subnet subnet = repo.database().inTransaction(c -> {
            Subnet s = VpcRepository.subnets(c).stream().filter(x -> x.subnetId().equals(subnetId)).findFirst()
                    .orElseThrow(() -> subnetNotFound(subnetId));
            if (s.isDefault()) {
                // the default subnet's network is shared by every labvisor on this host
                throw new Ec2Exception(ErrorCode.UNSUPPORTED_OPERATION, "The default subnet cannot be deleted here.");
            }
            if (VpcRepository.liveInstances(c, s.network()) > 0 || IpAllocator.count(c, subnetId) > 0) {
                throw new Ec2Exception(ErrorCode.DEPENDENCY_VIOLATION,
                        "The subnet '" + subnetId + "' has dependencies and cannot be deleted.");
            }
            VpcRepository.delete(c, "subnets", subnetId);
            return s;
        });
        libvirt.networks().remove(subnet.network());
        tags.removeAll(subnetId);
    }

    /** The subnet a launch goes to (the default subnet when none is named), its network up. */
    public Subnet forLaunch(Optional<String> subnetId) {
        Subnet subnet = subnetId.map(id -> describeSubnets(List.of(id)).get(0))
                .orElseGet(() -> repo.subnets().stream().filter(Subnet::isDefault).findFirst().orElseThrow());
        if (subnet.isDefault()) {
            defaultNetwork.ensure();
        } else {
            libvirt.networks().ensureNetwork(subnet.network(), SubnetNetwork.spec(subnet).toXml());
        }
        return subnet;
    }

    public Optional<Subnet> subnetOnNetwork(String network) {
        return repo.subnetOnNetwork(network);
    }

    public int availableIpAddressCount(Subnet s) {
        return (int) (s.assignableCount() - repo.addressesTaken(s.subnetId()));
    }

    private static Ec2Exception vpcNotFound(String id) {
        return new Ec2Exception(ErrorCode.INVALID_VPC_ID_NOT_FOUND, "The vpc ID '" + id + "' does not exist");
    }

    private static Ec2Exception subnetNotFound(String id) {
        return new Ec2Exception(ErrorCode.INVALID_SUBNET_ID_NOT_FOUND, "The subnet ID '" + id + "' does not exist");
    }
}

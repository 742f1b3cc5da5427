package io.jenkins.plugins.slipway.engine.ec2;

import io.jenkins.plugins.slipway.engine.core.SlipwayException.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.Image;

/**
 * The SSH login user of an AMI when {@code sshUser} is not given: known publishers' images, recognised by their
 * owner account <em>and</em> their name, have a fixed default user (the table of {@code docs/steps/ec2Launch.md}).
 * Any other image (your own, a copy, a marketplace build) needs {@code sshUser}: a guess would make the deploy log in
 * as a user that does not exist.
 */
final class LoginUser {

    /** A publisher's images: owner accounts (or the {@code amazon} alias), a name prefix, the login user. */
    record Publisher(String distribution, Set<String> owners, List<String> namePrefixes, String user) {
        boolean publishes(Image image) {
            boolean owner = owners.contains(image.ownerId())
                    || image.imageOwnerAlias() != null && owners.contains(image.imageOwnerAlias());
            String name = image.name() == null ? "" : image.name();
            return owner && namePrefixes.stream().anyMatch(name::startsWith);
        }
    }

    static final List<Publisher> PUBLISHERS = List.of(
            new Publisher("Amazon Linux", Set.of("137112412989", "amazon"), List.of("al2023-ami-", "amzn2-ami-",
                    "amzn-ami-"), "ec2-user"),
            new Publisher("Debian", Set.of("136693071363", "379101102735"), List.of("debian-"), "admin"),
            new Publisher("Ubuntu", Set.of("099720109477", "513442679011", "837727238323"),
                    List.of("ubuntu/images/", "ubuntu-"), "ubuntu"),
            new Publisher("Red Hat Enterprise Linux", Set.of("309956199498", "841258680906", "219670896067"),
                    List.of("RHEL-"), "ec2-user"),
            new Publisher("Rocky Linux", Set.of("792107900819"), List.of("Rocky-"), "rocky"));

    private LoginUser() {
    }

    /** {@code sshUser} when given, else the image's publisher's default user; an unknown image is bad input. */
    static String of(String sshUser, Image image) throws Ec2Exception {
        if (sshUser != null) {
            return sshUser;
        }
        for (Publisher p : PUBLISHERS) {
            if (p.publishes(image)) {
                return p.user();
            }
        }
        List<String> known = new ArrayList<>();
        PUBLISHERS.forEach(p -> known.add("'" + p.user() + "' on " + p.distribution()));
        throw new Ec2Exception(Kind.BAD_INPUT, "sshUser: give the SSH login user of AMI " + image.imageId() + " ('"
                + image.name() + "', owner " + image.ownerId() + "): Slipway knows it only for the images of "
                + "Amazon, Debian, Canonical, Red Hat and Rocky Linux (" + String.join(", ", known)
                + "), recognised by owner and name; nothing was launched");
    }

    /** The hosts with their login user. */
    static List<Ec2Host> apply(List<Ec2Host> hosts, String user) {
        List<Ec2Host> out = new ArrayList<>(hosts.size());
        for (Ec2Host h : hosts) {
            out.add(user.equals(h.user()) ? h : new Ec2Host(h.name(), h.host(), h.port(), user,
                    h.hostKeyFingerprints(), h.instanceId(), h.state(), h.instanceType(), h.availabilityZone(),
                    h.subnetId(), h.privateIp(), h.publicIp(), h.privateDns(), h.publicDns(), h.launchTime(), h.spot(),
                    h.launched(), h.fleet(), h.expiresAt()));
        }
        return out;
    }
}

package org.vsestudio.dsl.tests;

/** A VSE text that uses every construct of the language at least once. */
final class AllConstructs {

	static final String TEXT = """
			// every construct of the language
			import site.*
			import site.base
			/* a block
			   comment */
			packageset lib.core for debian bookworm {
			    build-essential
			    python3-scipy (>= 1.10 & < 1.12)
			    python3-numpy (gte 1.24 & lt 2)
			    linux-image-amd64
			    g++ = 4:12.2.0-3
			    libstdc++6 eq 12.2.0-14
			    libc6:i386 gt 2.36
			    htop = 3.2.2-2
			    foo > 1:2.0~rc1+dfsg
			    bar < 22.05
			    baz <= 4.1
			    qux lte 5
			    slurm-client >= 22.05
			    ^at
			    conflicts mpich
			}
			packageset lib.extra for rhel 9 requires lib.core, lib.more conflicts lib.other {
			    openmpi-bin>=4.1
			}
			packageset lib.more { }
			packageset lib.other { conflicts postfix }

			environment site.base {
			    distribution debian bookworm
			    architecture amd64
			    repositories from host
			    repository "http://mirror.example/debian" suite bookworm components main contrib non-free-firmware
			    packages { systemd-sysv munge }
			    reserved packages munge, systemd-sysv
			    reserved boot
			    reserved repositories
			    reserved protection
			    boot options "console=ttyS0 quiet"
			    protection at least high
			}

			environment app.env extends site.base {
			    packages lib.core
			    packages = lib.core + lib.more
			    packages += lib.core | lib.more & lib.other - lib.extra
			    packages += (lib.core - lib.more) & { htop }
			    packages -= { munge }
			    files {
			        copy "model/" to "/opt/model/"
			        link "/opt/model/hello" as "/usr/local/bin/hello"
			        delete "/etc/motd"
			        edit "/etc/security/limits.conf" append "* soft memlock unlimited"
			        edit "/etc/ssh/sshd_config" replace "^#?PermitRootLogin.*$" with "PermitRootLogin no"
			    }
			    files { }
			    run "make -C /opt/model"
			    user scientist uid 1000
			    protection at least low
			}

			machines app.cluster {
			    group head count 1 runs app.env profile app.large
			    group compute nodes n[001-128,200] runs app.env profile app.small
			    group io nodes io[01-04] runs site.base
			    group single nodes node17 runs site.base
			    group racks nodes rack[1-2]n[01-10],login1,login[2-3] runs site.base
			    group spare count 2
			    compute uses head
			    io uses head
			    deploy head as virtual
			    deploy compute as diskless nfs
			    deploy io as diskless ramfs
			    deploy single as diskfull
			    sandbox compute count 2
			}
			machines app.other { group x count 3 runs app.env }
			machines app.all = app.cluster + app.other
			machines app.any = app.cluster | app.other
			machines app.shared = app.cluster & app.other
			machines app.rest = (app.cluster - app.other) + app.all

			profile app.small { memory 512 MiB  cpus 1  disk 8 GiB  nic { network nat } }
			profile app.large extends app.small {
			    memory 16 GiB
			    cpus 8
			    disk 2 TiB
			    nic { mac 52:54:00:12:34:56 network bridge "br0" }
			    nic { mac 01:00:5e:00:00:01 network nat }
			    nic { mac de:ad:be:ef:00:01 network bridge "br1" }
			}
			""";

	private AllConstructs() {
	}
}

package org.vsestudio.ui.project;

import java.util.LinkedHashMap;
import java.util.Map;

/** The starting points of a new VSE project: each is a few valid {@code .vse} files. */
public enum VseTemplate {

    /** An application environment extending the site's base, which is in the project too. */
    APPLICATION("Application on a site base",
            "An application environment (app.vse) that extends the site's base environment (site/base.vse).",
            Map.of("site/base.vse", """
                    // The site's base environment: the environments of this project derive from it.

                    environment site.base {
                        distribution debian bookworm
                        architecture amd64
                        repositories from host

                        packages {
                            systemd-sysv
                            linux-image-amd64
                            openssh-server
                        }
                    }

                    profile site.standard { memory 2 GiB  cpus 2  disk 8 GiB  nic { network nat } }
                    """, "app.vse", """
                    // The application's environment: the site's base and what the application needs.

                    import site.*

                    packageset tools {
                        python3
                        python3-numpy
                    }

                    environment app.main extends site.base {
                        packages += tools
                        user scientist uid 1000
                    }
                    """)),

    /** A site's base environment with the policy its users may not override. */
    SITE_BASE("Site base with policy",
            "A site's base environment (site.vse) that reserves packages and boot settings and requires a protection level.",
            Map.of("site.vse", """
                    // The site's base environment: every environment deployed here derives from it.
                    // Users may add packages; they may not remove or re-pin the reserved ones.

                    environment site.base {
                        distribution debian bookworm
                        architecture amd64
                        repositories from host

                        packages {
                            systemd-sysv
                            linux-image-amd64
                            openssh-server
                            munge
                        }

                        reserved packages munge
                        reserved boot
                        boot options "console=ttyS0"
                        protection at least medium
                    }

                    profile site.standard { memory 2 GiB  cpus 2  disk 8 GiB  nic { network nat } }
                    """)),

    /** An MPI environment, the profile of its machines and the machine set that runs it. */
    MPI("MPI machine set",
            "An MPI environment, a machine profile and a machine set of a head node and compute nodes (mpi.vse).",
            Map.of("mpi.vse", """
                    // An MPI application: its environment, the size of its machines, and the machines.

                    environment mpi.node {
                        distribution debian bookworm
                        architecture amd64
                        repositories from host

                        packages {
                            systemd-sysv
                            linux-image-amd64
                            openssh-server
                            openmpi-bin
                            libopenmpi-dev
                        }
                        user scientist uid 1000
                    }

                    profile mpi.small { memory 2 GiB  cpus 2  disk 8 GiB  nic { network nat } }

                    machines mpi.cluster {
                        group head    count 1  runs mpi.node  profile mpi.small
                        group compute count 4  runs mpi.node  profile mpi.small
                        compute uses head
                        deploy head as virtual
                        deploy compute as virtual
                    }
                    """));

    private final String label;
    private final String description;
    private final Map<String, String> files;

    VseTemplate(String label, String description, Map<String, String> files) {
        this.label = label;
        this.description = description;
        this.files = new LinkedHashMap<>();
        files.keySet().stream().sorted().forEach(k -> this.files.put(k, files.get(k)));
    }

    /** @return the template's name, as the wizard shows it */
    public String label() {
        return label;
    }

    /** @return a sentence on what the template makes */
    public String description() {
        return description;
    }

    /** @return the files the template makes, by project-relative path, in path order */
    public Map<String, String> files() {
        return files;
    }
}

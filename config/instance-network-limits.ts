/**
 * Network limits of the instance types this project accepts without a warning:
 * [network interfaces, IPv4 addresses per interface], from the VPC CNI's
 * generated table (aws/amazon-vpc-cni-k8s, pkg/vpc/vpc_ip_resource_limit.go,
 * commit b521883; the EC2 user guide's "Maximum IP addresses per network
 * interface" lists the same). The common general purpose, compute and memory
 * families up to 4xlarge; add a row from that file to accept another type.
 */
export const INSTANCE_NETWORK_LIMITS: Readonly<Record<string, readonly [enis: number, ipv4PerEni: number]>> = {
  "t3.nano": [2, 2], "t3.micro": [2, 2], "t3.small": [3, 4], "t3.medium": [3, 6], "t3.large": [3, 12], "t3.xlarge": [4, 15], "t3.2xlarge": [4, 15],
  "t3a.nano": [2, 2], "t3a.micro": [2, 2], "t3a.small": [2, 4], "t3a.medium": [3, 6], "t3a.large": [3, 12], "t3a.xlarge": [4, 15], "t3a.2xlarge": [4, 15],
  "t4g.nano": [2, 2], "t4g.micro": [2, 2], "t4g.small": [3, 4], "t4g.medium": [3, 6], "t4g.large": [3, 12], "t4g.xlarge": [4, 15], "t4g.2xlarge": [4, 15],
  "m5.large": [3, 10], "m5.xlarge": [4, 15], "m5.2xlarge": [4, 15], "m5.4xlarge": [8, 30],
  "m5a.large": [3, 10], "m5a.xlarge": [4, 15], "m5a.2xlarge": [4, 15], "m5a.4xlarge": [8, 30],
  "m6i.large": [3, 10], "m6i.xlarge": [4, 15], "m6i.2xlarge": [4, 15], "m6i.4xlarge": [8, 30],
  "m6a.large": [3, 10], "m6a.xlarge": [4, 15], "m6a.2xlarge": [4, 15], "m6a.4xlarge": [8, 30],
  "m6g.medium": [2, 4], "m6g.large": [3, 10], "m6g.xlarge": [4, 15], "m6g.2xlarge": [4, 15], "m6g.4xlarge": [8, 30],
  "m7i.large": [3, 10], "m7i.xlarge": [4, 15], "m7i.2xlarge": [4, 15], "m7i.4xlarge": [8, 30],
  "m7a.medium": [2, 4], "m7a.large": [3, 10], "m7a.xlarge": [4, 15], "m7a.2xlarge": [4, 15], "m7a.4xlarge": [8, 30],
  "m7g.medium": [2, 4], "m7g.large": [3, 10], "m7g.xlarge": [4, 15], "m7g.2xlarge": [4, 15], "m7g.4xlarge": [8, 30],
  "m8g.medium": [2, 4], "m8g.large": [3, 10], "m8g.xlarge": [4, 15], "m8g.2xlarge": [4, 15], "m8g.4xlarge": [8, 30],
  "c5.large": [3, 10], "c5.xlarge": [4, 15], "c5.2xlarge": [4, 15], "c5.4xlarge": [8, 30],
  "c6i.large": [3, 10], "c6i.xlarge": [4, 15], "c6i.2xlarge": [4, 15], "c6i.4xlarge": [8, 30],
  "c6a.large": [3, 10], "c6a.xlarge": [4, 15], "c6a.2xlarge": [4, 15], "c6a.4xlarge": [8, 30],
  "c6g.medium": [2, 4], "c6g.large": [3, 10], "c6g.xlarge": [4, 15], "c6g.2xlarge": [4, 15], "c6g.4xlarge": [8, 30],
  "c7i.large": [3, 10], "c7i.xlarge": [4, 15], "c7i.2xlarge": [4, 15], "c7i.4xlarge": [8, 30],
  "c7a.medium": [2, 4], "c7a.large": [3, 10], "c7a.xlarge": [4, 15], "c7a.2xlarge": [4, 15], "c7a.4xlarge": [8, 30],
  "c7g.medium": [2, 4], "c7g.large": [3, 10], "c7g.xlarge": [4, 15], "c7g.2xlarge": [4, 15], "c7g.4xlarge": [8, 30],
  "c8g.medium": [2, 4], "c8g.large": [3, 10], "c8g.xlarge": [4, 15], "c8g.2xlarge": [4, 15], "c8g.4xlarge": [8, 30],
  "r5.large": [3, 10], "r5.xlarge": [4, 15], "r5.2xlarge": [4, 15], "r5.4xlarge": [8, 30],
  "r6i.large": [3, 10], "r6i.xlarge": [4, 15], "r6i.2xlarge": [4, 15], "r6i.4xlarge": [8, 30],
  "r6g.medium": [2, 4], "r6g.large": [3, 10], "r6g.xlarge": [4, 15], "r6g.2xlarge": [4, 15], "r6g.4xlarge": [8, 30],
  "r7i.large": [3, 10], "r7i.xlarge": [4, 15], "r7i.2xlarge": [4, 15], "r7i.4xlarge": [8, 30],
  "r7g.medium": [2, 4], "r7g.large": [3, 10], "r7g.xlarge": [4, 15], "r7g.2xlarge": [4, 15], "r7g.4xlarge": [8, 30],
};

/** What a Service port carries, judged from its protocol, appProtocol, name and number. */
import { getIn, num, scalarText, seqItems, str, type AnyNode } from '../yaml/ast';

export interface ServicePortInfo {
  node: AnyNode;
  name?: string;
  port?: number;
  protocol: string;
  appProtocol?: string;
  /** The port speaks HTTP (or HTTPS) as far as can be told. */
  http: boolean;
  /** The backend speaks TLS (HTTPS). */
  tls: boolean;
  /** Why a port is not HTTP, in words. */
  why?: string;
}

const NON_HTTP_NAMES: Record<string, string> = {
  postgres: 'PostgreSQL', postgresql: 'PostgreSQL', pg: 'PostgreSQL', mysql: 'MySQL', mariadb: 'MariaDB', redis: 'Redis',
  mongo: 'MongoDB', mongodb: 'MongoDB', amqp: 'AMQP', amqps: 'AMQP', kafka: 'Kafka', zookeeper: 'ZooKeeper', ssh: 'SSH',
  smtp: 'SMTP', dns: 'DNS', ldap: 'LDAP', ldaps: 'LDAP', memcached: 'memcached', nats: 'NATS', mqtt: 'MQTT', tcp: 'raw TCP',
  udp: 'UDP', grpc: 'gRPC', cassandra: 'Cassandra', cql: 'Cassandra', etcd: 'etcd', sftp: 'SFTP', ftp: 'FTP', rtmp: 'RTMP',
};

const NON_HTTP_PORTS: Record<number, string> = {
  21: 'FTP', 22: 'SSH', 25: 'SMTP', 53: 'DNS', 110: 'POP3', 143: 'IMAP', 389: 'LDAP', 587: 'SMTP', 636: 'LDAPS', 1433: 'SQL Server',
  1521: 'Oracle', 1883: 'MQTT', 2181: 'ZooKeeper', 2379: 'etcd', 3306: 'MySQL', 4222: 'NATS', 5432: 'PostgreSQL', 5671: 'AMQP',
  5672: 'AMQP', 6379: 'Redis', 9042: 'Cassandra', 9092: 'Kafka', 11211: 'memcached', 27017: 'MongoDB',
};

const HTTP_APP_PROTOCOLS = new Set(['http', 'https', 'h2c', 'http2', 'kubernetes.io/h2c', 'kubernetes.io/ws', 'kubernetes.io/wss']);

export function describePort(node: AnyNode): ServicePortInfo {
  const name = str(getIn(node, ['name']));
  const port = num(getIn(node, ['port']));
  const protocol = (str(getIn(node, ['protocol'])) ?? 'TCP').toUpperCase();
  const appProtocol = str(getIn(node, ['appProtocol']))?.toLowerCase();
  const base = { node, name, port, protocol, appProtocol };
  const tlsByName = !!name && /^https|-https$|^tls|ssl/.test(name);
  const tls = appProtocol === 'https' || appProtocol === 'kubernetes.io/wss' || tlsByName || port === 443 || port === 8443;
  if (protocol !== 'TCP') return { ...base, http: false, tls: false, why: `${protocol} is not HTTP` };
  if (appProtocol) {
    if (HTTP_APP_PROTOCOLS.has(appProtocol)) return { ...base, http: true, tls };
    return { ...base, http: false, tls: false, why: `appProtocol ${appProtocol} is not HTTP` };
  }
  const lname = name?.toLowerCase();
  if (lname) {
    const stem = lname.split('-')[0];
    if (/http|web|www|ui|api|dashboard|metrics|admin|frontend/.test(lname)) return { ...base, http: true, tls };
    const what = NON_HTTP_NAMES[lname] ?? NON_HTTP_NAMES[stem];
    if (what) return { ...base, http: false, tls: false, why: `port name "${name}" suggests ${what}` };
  }
  if (port !== undefined && NON_HTTP_PORTS[port]) return { ...base, http: false, tls: false, why: `port ${port} is ${NON_HTTP_PORTS[port]}'s well-known port` };
  return { ...base, http: true, tls };
}

export function servicePorts(root: AnyNode): ServicePortInfo[] {
  return seqItems(getIn(root, ['spec', 'ports'])).map(describePort);
}

export function portLabel(p: ServicePortInfo): string {
  return p.name ? `${p.name} (${p.port ?? '?'})` : String(p.port ?? scalarText(getIn(p.node, ['port'])) ?? '?');
}

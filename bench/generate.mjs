// Generates a multi-document manifest: per app a Deployment, a Service and an Ingress (≈65 lines),
// with a few realistic faults sprinkled in (a typo'd enum, a string port, an unknown field,
// a nodePort on a ClusterIP Service, an unquoted annotation bool).
//   node bench/generate.mjs 1000 > big.yaml
export function generateManifests(apps, { faults = true } = {}) {
  const out = [];
  for (let i = 0; i < apps; i++) {
    const name = `app-${i}`;
    const fault = faults ? i % 50 : -1;
    out.push(`# ${name}: web tier
apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: team-${i % 7}
  labels:
    app: ${name}
spec:
  replicas: ${1 + (i % 3)}
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
        tier: web
    spec:
      containers:
        - name: web
          image: registry.example.com/${name}:1.${i % 10}.0
          ports:
            - name: http
              containerPort: 8080${fault === 7 ? '\n              bogusField: true' : ''}
          readinessProbe:
            httpGet:
              path: /healthz
              port: http
---
apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: team-${i % 7}
spec:
  type: ${fault === 3 ? 'ClusterIp' : 'ClusterIP'}
  selector:
    app: ${name}
  ports:
    - name: http
      port: ${fault === 11 ? '"80"' : '80'}
      targetPort: http${fault === 19 ? '\n      nodePort: 30080' : ''}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: ${name}
  namespace: team-${i % 7}
  annotations:
    nginx.ingress.kubernetes.io/ssl-redirect: ${fault === 23 ? 'true' : '"true"'}
    cert-manager.io/cluster-issuer: letsencrypt
spec:
  ingressClassName: nginx
  tls:
    - hosts:
        - ${name}.example.com
      secretName: ${name}-tls
  rules:
    - host: ${name}.example.com
      http:
        paths:
          - path: /
            pathType: ${fault === 31 ? 'Prefx' : 'Prefix'}
            backend:
              service:
                name: ${name}
                port:
                  name: http
`);
  }
  return out.join('---\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.stdout.write(generateManifests(Number(process.argv[2] ?? 100)));
}

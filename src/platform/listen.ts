import { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { StartupError } from './config';

/** Listens on host:port; a port already taken is one readable error ("port 4000 is in use"). */
export async function listen(server: Server, port: number, host: string, portVariable = 'PORT'): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const failed = (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') reject(new StartupError(`port ${port} is in use (host ${host}): stop the process holding it or set ${portVariable}`));
      else if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND')
        reject(new StartupError(`cannot listen on host ${host} (HOST): no such local address`));
      else reject(error);
    };
    server.once('error', failed);
    server.listen(port, host, () => {
      server.off('error', failed);
      resolve();
    });
  });
}

/** `http://<bound address>:<port>`: the address actually listened on, IPv6 in brackets. */
export function urlBase(address: Pick<AddressInfo, 'address' | 'port'>): string {
  const host = address.address.includes(':') ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}

// Every `tidewater` command, shaped like `influx`: "name" or "group sub" → { help, flags, run }.
// Each runs over a connection (connection.js), so it works against a server or a directory.
import { setupCommands } from './cmd_setup.js';
import { resourceCommands } from './cmd_resources.js';
import { dataCommands } from './cmd_data.js';
import { v1Commands } from './cmd_v1.js';
import { transferCommands } from './cmd_transfer.js';
import { taskCommands } from './cmd_task.js';
import { replicationCommands } from './cmd_replication.js';
import { backupCommands } from './cmd_backup.js';

export const commands = { ...setupCommands, ...resourceCommands, ...dataCommands, ...v1Commands, ...transferCommands, ...taskCommands,
  ...replicationCommands, ...backupCommands };

-- Drives Neovim's built-in LSP client against `gwlint --lsp`: opens a file, waits for diagnostics,
-- applies the preferred quick fix through the code action menu, writes the buffer, waits for the new diagnostics, and writes what it
-- saw to $GWLINT_OUT as JSON. Works with Neovim 0.7 (Debian 12) and later.
--
--   GWLINT_BIN=bin/gwlint.js GWLINT_FILE=main.json GWLINT_OUT=out.json GWLINT_ROOT=. \
--     nvim --headless --clean -n -i NONE -c 'luafile test/lsp/nvim/quickfix.lua'

local bin = assert(os.getenv('GWLINT_BIN'), 'GWLINT_BIN is not set')
local file = assert(os.getenv('GWLINT_FILE'), 'GWLINT_FILE is not set')
local out = assert(os.getenv('GWLINT_OUT'), 'GWLINT_OUT is not set')
local root = os.getenv('GWLINT_ROOT') or vim.fn.fnamemodify(file, ':h')
local node = os.getenv('GWLINT_NODE') or 'node'

local result = { steps = {} }

local function step(name)
  table.insert(result.steps, name)
end

local function snapshot(bufnr)
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local lsp = type(d.user_data) == 'table' and d.user_data.lsp or {}
    table.insert(list, {
      code = d.code or lsp.code,
      source = d.source or lsp.source,
      severity = d.severity,
      message = d.message,
      -- Neovim's own position: 0-based line, byte column.
      lnum = d.lnum,
      col = d.col,
      end_lnum = d.end_lnum,
      end_col = d.end_col,
      related = lsp.relatedInformation and #lsp.relatedInformation or 0,
    })
  end
  table.sort(list, function(a, b)
    return a.lnum < b.lnum or (a.lnum == b.lnum and a.col < b.col)
  end)
  return list
end

local function run()
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  local ext = file:match('%.([%w]+)$')
  vim.bo[bufnr].filetype = (ext == 'bicep' or ext == 'bicepparam') and ext or 'json'

  local config = { name = 'gwlint', cmd = { node, bin, '--lsp', '--stdio' }, root_dir = root }
  local client_id
  if vim.lsp.start then
    client_id = vim.lsp.start(config)
  else
    client_id = vim.lsp.start_client(config)
    vim.lsp.buf_attach_client(bufnr, client_id)
  end
  assert(client_id, 'the language server did not start')
  step('started')

  assert(vim.wait(30000, function()
    return #vim.diagnostic.get(bufnr) > 0
  end, 20), 'no diagnostics within 30 s')
  result.before = snapshot(bufnr)
  step('diagnostics')

  -- The code action menu, answered the way a user picks the preferred quick fix.
  local first = vim.diagnostic.get(bufnr)[1]
  result.actions = {}
  local chosen = false
  vim.ui.select = function(items, _, on_choice)
    local pick
    for i, item in ipairs(items) do
      local action = item.action or item[2]
      table.insert(result.actions, { title = action.title, kind = action.kind, isPreferred = action.isPreferred == true })
      if action.isPreferred and not pick then
        pick = i
      end
    end
    chosen = true
    if pick then
      on_choice(items[pick], pick)
    else
      on_choice(nil, nil)
    end
  end
  vim.api.nvim_win_set_cursor(0, { first.lnum + 1, first.col })
  local changedtick = vim.api.nvim_buf_get_changedtick(bufnr)
  vim.lsp.buf.code_action()
  assert(vim.wait(10000, function()
    return chosen
  end, 20), 'no code actions offered within 10 s')
  assert(vim.wait(10000, function()
    return vim.api.nvim_buf_get_changedtick(bufnr) ~= changedtick
  end, 20), 'the quick fix did not change the buffer')
  step('fixed')

  vim.cmd('write')
  step('written')

  local before_code = result.before[1].code
  vim.wait(10000, function()
    local now = vim.diagnostic.get(bufnr)
    return #now == 0 or now[1].code ~= before_code
  end, 20)
  result.after = snapshot(bufnr)
  step('after')
  vim.lsp.stop_client(client_id)
end

local ok, err = pcall(run)
if not ok then
  result.error = tostring(err)
end
local f = assert(io.open(out, 'w'))
f:write(vim.fn.json_encode(result))
f:close()
vim.cmd(ok and 'qall!' or 'cquit!')

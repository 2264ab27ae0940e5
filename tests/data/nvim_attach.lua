-- Attach `tf-lint server` to the current buffer with Neovim's built-in LSP client (0.7+), write the first
-- non-empty diagnostics it receives (as published, and as Neovim shows them) to $TF_LINT_NVIM_OUT, quit.
local out = os.getenv("TF_LINT_NVIM_OUT")
local cmd = vim.fn.json_decode(os.getenv("TF_LINT_NVIM_CMD"))
local bufnr = vim.api.nvim_get_current_buf()
local id = vim.lsp.start_client({
  name = "tf-lint", cmd = cmd, root_dir = vim.fn.getcwd(),
  init_options = { targetTransformersVersion = "4.57" },
  handlers = {
    ["textDocument/publishDiagnostics"] = function(err, result, ctx, config)
      vim.lsp.diagnostic.on_publish_diagnostics(err, result, ctx, config)
      if #result.diagnostics > 0 then
        local shown = {}
        for _, d in ipairs(vim.diagnostic.get(bufnr)) do
          table.insert(shown, { lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
                                message = d.message, source = d.source,
                                code = (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or vim.NIL })
        end
        local f = io.open(out, "w"); f:write(vim.fn.json_encode({ published = result, shown = shown })); f:close()
        vim.schedule(function() vim.cmd("qa!") end)
      end
    end,
  },
})
vim.lsp.buf_attach_client(bufnr, id)
vim.defer_fn(function() vim.cmd("cquit 3") end, 90000)

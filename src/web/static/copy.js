// The copy button of a feed address: without JavaScript the address is a read-only field to select and copy;
// with it (and a clipboard the browser allows), one click copies it and says so.
(function () {
  if (!navigator.clipboard || !window.isSecureContext) return;
  document.querySelectorAll('button.copy-button[data-copy]').forEach(function (button) {
    var field = document.getElementById(button.getAttribute('data-copy'));
    var status = button.closest('.copy') && button.closest('.copy').querySelector('.copy-status');
    if (!field) return;
    button.hidden = false;
    button.addEventListener('click', function () {
      navigator.clipboard.writeText(field.value).then(
        function () {
          if (status) status.textContent = button.getAttribute('data-copied');
        },
        function () {
          field.focus();
          field.select();
        },
      );
    });
  });
  document.querySelectorAll('.copy input[readonly]').forEach(function (field) {
    field.addEventListener('focus', function () {
      field.select();
    });
  });
})();
